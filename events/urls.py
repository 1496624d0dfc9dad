from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_new, name="new"),
    path("mine/", views.my_events, name="mine"),
    path("signups/cancel/<str:token>/", views.signup_cancel, name="signup-cancel"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/signed-up/", views.signed_up, name="signed-up"),
    path("<slug:slug>/calendar.ics", views.event_calendar_file, name="calendar"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/cancel/", views.event_cancel, name="cancel"),
    path("<slug:slug>/signups/", views.event_signups, name="signups"),
    path("<slug:slug>/signups.csv", views.event_signups_csv, name="signups-csv"),
    path("<slug:slug>/signups/<int:pk>/cancel/", views.event_signup_cancel, name="signup-cancel-by-host"),
    path("<slug:slug>/report/", views.event_report, name="report"),
]

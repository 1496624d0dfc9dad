from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.PetitionListView.as_view(), name="list"),
    path("<slug:slug>/", views.petition_detail, name="detail"),
    path("<slug:slug>/sign/", views.sign, name="sign"),
    path("<slug:slug>/check-your-inbox/", views.check_inbox, name="check-inbox"),
    path("<slug:slug>/confirm/<str:token>/", views.confirm, name="confirm"),
    path("<slug:slug>/count.json", views.count_json, name="count-json"),
    path("<slug:slug>/embed/", views.embed, name="embed"),
]

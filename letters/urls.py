from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path("cases/<slug:slug>/appeal/", views.appeal, name="appeal"),
    path("cases/<slug:slug>/appeal/posted/", views.appeal_posted, name="appeal-posted"),
    path("cases/<slug:slug>/wrote/", views.letters_written, name="wrote"),
    path("cases/<slug:slug>/message/", views.message, name="message"),
    path("cases/<slug:slug>/messages/", views.wall, name="wall"),
]

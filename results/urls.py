from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>.json", views.campaign_json, name="campaign-json"),
    path("<slug:slug>/", views.campaign_detail, name="campaign"),
    path("<slug:slug>/countries.csv", views.campaign_csv, name="campaign-csv"),
    path("<slug:slug>/embed/", views.campaign_embed, name="campaign-embed"),
    path("<slug:slug>/gallery/", views.campaign_gallery, name="campaign-gallery"),
]

from vendorwatch.alternatives import urls_compare, urls_offers, urls_scorecard

urlpatterns = [*urls_offers.urlpatterns, *urls_scorecard.urlpatterns, *urls_compare.urlpatterns]

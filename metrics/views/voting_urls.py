app_name = "voting"
urlpatterns: list = []  # the proposal pages

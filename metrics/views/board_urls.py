app_name = "boards"
urlpatterns: list = []  # the leaderboard and ladder pages

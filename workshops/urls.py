from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    path("", views.event_calendar, name="event-calendar"),
    path("new/", views.event_create, name="event-create"),
    path("mine/", views.my_events, name="my-events"),
    path("feedback-questions/", views.feedback_questions, name="feedback-questions"),
    path(
        "feedback-questions/<int:question_pk>/retire/",
        views.feedback_question_retire,
        name="feedback-question-retire",
    ),
    path("feed/reset/", views.feed_reset, name="feed-reset"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("<int:pk>/", views.event_detail, name="event-detail"),
    path("<int:pk>.ics", views.event_ics, name="event-ics"),
    path("<int:pk>/edit/", views.event_edit, name="event-edit"),
    path("<int:pk>/confirm/", views.event_confirm, name="event-confirm"),
    path("<int:pk>/held/", views.event_mark_held, name="event-held"),
    path("<int:pk>/cancel/", views.event_cancel, name="event-cancel"),
    path("<int:pk>/agenda/", views.agenda_item_add, name="agenda-add"),
    path("<int:pk>/agenda/<int:item_pk>/delete/", views.agenda_item_delete, name="agenda-delete"),
    path("<int:pk>/quotas/", views.quota_set, name="quota-set"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/unregister/", views.unregister, name="unregister"),
    path("<int:pk>/offer/accept/", views.offer_accept, name="offer-accept"),
    path("<int:pk>/participants/", views.event_participants, name="event-participants"),
    path("<int:pk>/participants.csv", views.event_participants_csv, name="event-participants-csv"),
    path("<int:pk>/registrations/<int:registration_pk>/cancel/", views.registration_cancel, name="registration-cancel"),
    path(
        "<int:pk>/registrations/<int:registration_pk>/promote/",
        views.registration_promote,
        name="registration-promote",
    ),
    path("<int:pk>/check-in/", views.check_in, name="check-in"),
    path("<int:pk>/check-in/<int:registration_pk>/", views.check_in_toggle, name="check-in-toggle"),
    path("<int:pk>/sign-in-sheet/", views.sign_in_sheet, name="sign-in-sheet"),
    path("<int:pk>/badges.pdf", views.badges_pdf, name="badges"),
    path("<int:pk>/messages/", views.event_messages, name="event-messages"),
    path("<int:pk>/feedback/", views.feedback, name="event-feedback"),
    path("<int:pk>/feedback.csv", views.feedback_export, name="feedback-export"),
    path("<int:pk>/outcomes/", views.outcomes, name="event-outcomes"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment-download"),
    path("<int:pk>/votes/new/", views.voting_round_new, name="round-create"),
    path("<int:pk>/votes/<int:round_pk>/", views.round_detail, name="round-detail"),
    path("<int:pk>/votes/<int:round_pk>/ranking/", views.round_ranking, name="round-ranking"),
    path("<int:pk>/votes/<int:round_pk>/result/", views.round_result, name="round-result"),
    path("<int:pk>/votes/<int:round_pk>/close/", views.round_close, name="round-close"),
]

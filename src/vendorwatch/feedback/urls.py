from django.urls import path

from vendorwatch.feedback.views import (
    employees,
    overview,
    public,
    questions,
    ratings,
    results,
    surveys,
    templates,
)

urlpatterns = [
    # public: people without an account answer by a signed one-time link
    path("feedback/rate/<str:token>/", public.rate, name="feedback-rate"),
    path("feedback/survey/<str:token>/", public.answer, name="feedback-answer"),
    path("feedback/thanks/", public.thanks, name="feedback-thanks"),
    # overview
    path("feedback/", overview.index, name="feedback-index"),
    # employees who are asked
    path("feedback/employees/", employees.employee_list, name="feedback-employees"),
    path("feedback/employees/add/", employees.employee_add, name="feedback-employee-add"),
    path(
        "feedback/employees/<int:pk>/edit/",
        employees.employee_edit,
        name="feedback-employee-edit",
    ),
    path(
        "feedback/employees/<int:pk>/delete/",
        employees.employee_delete,
        name="feedback-employee-delete",
    ),
    # the user's own question templates (the built-in ones are listed with them)
    path("feedback/templates/", templates.template_list, name="feedback-templates"),
    path("feedback/templates/new/", templates.template_add, name="feedback-template-add"),
    path(
        "feedback/templates/<int:pk>/edit/",
        templates.template_edit,
        name="feedback-template-edit",
    ),
    path(
        "feedback/templates/<int:pk>/delete/",
        templates.template_delete,
        name="feedback-template-delete",
    ),
    # surveys
    path("feedback/surveys/new/", surveys.survey_add, name="feedback-survey-add"),
    path("feedback/surveys/<int:pk>/", surveys.survey_detail, name="feedback-survey-detail"),
    path("feedback/surveys/<int:pk>/edit/", surveys.survey_edit, name="feedback-survey-edit"),
    path("feedback/surveys/<int:pk>/delete/", surveys.survey_delete, name="feedback-survey-delete"),
    path("feedback/surveys/<int:pk>/start/", surveys.survey_start, name="feedback-survey-start"),
    path("feedback/surveys/<int:pk>/end/", surveys.survey_end, name="feedback-survey-end"),
    path(
        "feedback/surveys/<int:pk>/send-now/",
        surveys.survey_send_now,
        name="feedback-survey-send-now",
    ),
    path(
        "feedback/surveys/<int:pk>/recipients/",
        surveys.survey_recipients,
        name="feedback-survey-recipients",
    ),
    # questions
    path(
        "feedback/surveys/<int:pk>/questions/new/",
        questions.question_add,
        name="feedback-question-add",
    ),
    path(
        "feedback/surveys/<int:pk>/questions/from-templates/",
        questions.questions_from_templates,
        name="feedback-questions-from-templates",
    ),
    path(
        "feedback/questions/<int:pk>/edit/", questions.question_edit, name="feedback-question-edit"
    ),
    path(
        "feedback/questions/<int:pk>/delete/",
        questions.question_delete,
        name="feedback-question-delete",
    ),
    path(
        "feedback/questions/<int:pk>/move/<str:direction>/",
        questions.question_move,
        name="feedback-question-move",
    ),
    # results
    path("feedback/surveys/<int:pk>/results/", results.results, name="feedback-results"),
    path(
        "feedback/surveys/<int:pk>/rounds/<int:number>/questions/<int:question_pk>/chart.svg",
        results.question_chart,
        name="feedback-results-chart",
    ),
    path(
        "feedback/surveys/<int:pk>/questions/<int:question_pk>/trend.svg",
        results.trend_chart,
        name="feedback-results-trend-chart",
    ),
    path(
        "feedback/surveys/<int:pk>/rounds/<int:number>/results.csv",
        results.results_csv,
        name="feedback-results-csv",
    ),
    path(
        "feedback/surveys/<int:pk>/rounds/<int:number>/pdf/",
        results.results_pdf,
        name="feedback-results-pdf",
    ),
    # ratings of resolved problems
    path("feedback/ratings/", ratings.rating_list, name="feedback-ratings"),
]

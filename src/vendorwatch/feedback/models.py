"""Employee feedback: a rating after each resolved problem, and anonymous pulse surveys.

A **rating** belongs to a problem and is not anonymous: it is shown on the problem, and a low
one puts a note on its timeline and tells the problem's owner.

A **survey** is anonymous by design. Who was invited is kept (:class:`SurveyInvitation`: the
address to send the link and the one reminder to, and whether that link was used), what was
answered is kept (:class:`SurveyResponse`, :class:`Answer`), and nothing joins the two: a
response names its round only; it has no time, no address, no token and no link to an
invitation, and its key is random. An invitation has no time of use either, and whenever
one is written all invitations of its round are written with it (PostgreSQL stamps each row
with the transaction that wrote it). The access log keeps no line of the answering pages.
Results are shown only once a round has at least ``min_answers`` responses.

Links (:mod:`vendorwatch.feedback.tokens`) are signed; the database keeps only a hash of
each link's random part, so a copy of the database cannot answer in anyone's name.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A free-text answer or comment fits on about a page.
TEXT_LIMIT = 5_000
# The smallest group whose results may be shown, whatever a survey says.
MIN_GROUP_FLOOR = 3


def default_language() -> str:
    return str(settings.LANGUAGE_CODE)


def default_min_answers() -> int:
    return max(MIN_GROUP_FLOOR, int(settings.FEEDBACK_MIN_ANSWERS))


class Employee(models.Model):
    """Someone who is asked in pulse surveys; needs no account."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    active = models.BooleanField(
        _("asked in surveys"),
        default=True,
        help_text=_("Clear this for someone who left or should not be asked for now."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = [Lower("name"), Lower("email"), "pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="feedback_employee_email_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


class QuestionKind(models.TextChoices):
    RATING = "rating", _("rating from 1 to 5")
    RECOMMEND = "recommend", _("recommendation from 0 to 10")
    CHOICE = "choice", _("one choice from a list")
    TEXT = "text", _("free text")


class QuestionTemplate(models.Model):
    """A question of the user's own, kept to be used in later surveys (the built-in
    templates are in :mod:`vendorwatch.feedback.templates_builtin`)."""

    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind.choices)
    choices = models.TextField(
        _("options"), blank=True, help_text=_("For a choice: one option per line.")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default=default_language
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question template")
        verbose_name_plural = _("question templates")
        ordering = ["language", Lower("text"), "pk"]

    def __str__(self) -> str:
        return self.text


class Survey(models.Model):
    class Interval(models.TextChoices):
        ONCE = "once", _("once")
        MONTHLY = "monthly", _("every month")
        QUARTERLY = "quarterly", _("every quarter")
        HALF_YEARLY = "half_yearly", _("every six months")
        YEARLY = "yearly", _("every year")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ACTIVE = "active", _("running")
        ENDED = "ended", _("ended")

    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("provider"),
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the questions and in the invitation."),
    )
    language = models.CharField(
        _("language of the survey"),
        max_length=2,
        choices=settings.LANGUAGES,
        default=default_language,
    )
    interval = models.CharField(
        _("how often"), max_length=11, choices=Interval.choices, default=Interval.QUARTERLY
    )
    first_round_on = models.DateField(_("first round on"))
    open_days = models.PositiveSmallIntegerField(
        _("open for (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder (days before it closes)"),
        default=3,
        validators=[MaxValueValidator(89)],
        help_text=_("One reminder to those who have not answered yet; 0 for none."),
    )
    min_answers = models.PositiveSmallIntegerField(
        _("results from (answers)"),
        default=default_min_answers,
        validators=[MinValueValidator(MIN_GROUP_FLOOR), MaxValueValidator(1000)],
        help_text=_(
            "Results are shown only when at least this many people answered, so that no "
            "answer can be traced to a person."
        ),
    )
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.DRAFT
    )
    recipients = models.ManyToManyField(
        Employee, blank=True, related_name="surveys", verbose_name=_("asked employees")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def questions_locked(self) -> bool:
        """Questions cannot change once a round went out: answers must mean what was asked."""
        return self.rounds.exists()


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    choices = models.TextField(
        _("options"), blank=True, help_text=_("For a choice: one option per line.")
    )
    required = models.BooleanField(_("answer required"), default=False)
    # The built-in template the question came from ("" for the user's own): keeps the
    # "overall satisfaction" question recognisable for the dashboard and the scorecard.
    topic = models.CharField(_("topic"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class SurveyRound(models.Model):
    """One sending of a survey: open from ``opens_at`` until ``closes_at``."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("survey")
    )
    number = models.PositiveIntegerField(_("round"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    invited = models.PositiveIntegerField(_("invited"), default=0)
    # Claimed by the job runner with a conditional UPDATE before the reminders are queued.
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["survey", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="feedback_round_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.number}"


class SurveyInvitation(models.Model):
    """Who was asked in a round and whether their link was used — never what they answered,
    nor when."""

    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("round")
    )
    email = models.EmailField(_("e-mail"), max_length=254)
    nonce_hash = models.CharField(max_length=64)
    # The reminder carries a link of its own; the invitation's first link keeps working.
    reminder_nonce_hash = models.CharField(max_length=64, blank=True)
    answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                "round", Lower("email"), name="feedback_invitation_unique_address"
            ),
        ]

    def __str__(self) -> str:
        return self.email


class SurveyResponse(models.Model):
    """One person's answers to one round. Deliberately nothing else: no time, no person, no
    link to the invitation, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="responses", verbose_name=_("round")
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return str(self.round)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        SurveyResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=pgettext_lazy("survey", "response"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    number = models.SmallIntegerField(
        _("value"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    choice = models.CharField(_("choice"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("survey", "answer")
        verbose_name_plural = pgettext_lazy("survey", "answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="feedback_answer_once"),
        ]

    def __str__(self) -> str:
        return str(self.question)


class ProblemRating(models.Model):
    """The request to rate how a problem was resolved, and the rating once given."""

    problem = models.ForeignKey(
        "problems.Problem",
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("problem"),
    )
    # One request per resolution: a problem reopened and resolved again is asked again.
    resolved_event = models.OneToOneField(
        "problems.ProblemEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rating",
        verbose_name=_("resolution"),
    )
    email = models.EmailField(_("asked"), max_length=254)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    nonce_hash = models.CharField(max_length=64)
    requested_at = models.DateTimeField(_("asked at"))
    expires_at = models.DateTimeField(_("link valid until"))
    stars = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    # The note a low rating put on the problem's timeline.
    note = models.OneToOneField(
        "problems.ProblemEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rating_note",
        verbose_name=_("note on the timeline"),
    )

    class Meta:
        verbose_name = _("rating of a resolution")
        verbose_name_plural = _("ratings of resolutions")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["answered_at"], name="feedback_rating_answered"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__isnull=True) | Q(stars__gte=1, stars__lte=5),
                name="feedback_rating_stars_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.problem} – {self.stars or '–'}"

    @property
    def is_low(self) -> bool:
        return self.stars is not None and self.stars <= LOW_RATING


# A rating of this many stars or fewer puts a note on the timeline and tells the owner.
LOW_RATING = 2

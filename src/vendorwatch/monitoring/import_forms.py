"""The forms of a ticket import: the upload, and the column mapping a user sets up by hand.

Both offer the same settings (time zone, date format, separator, encoding); empty means "as
the format says, or detect it". A column, a priority or a setting the file does not fit is
refused next to its field, never by the import half way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vendorwatch.monitoring import options as f
from vendorwatch.monitoring.models import ImportPreset
from vendorwatch.monitoring.options import ImportOptions
from vendorwatch.monitoring.reasons import FIELD_LABELS
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import Priority, SlaPolicy
from vendorwatch.web.parsing import parse_int
from vendorwatch.web.uploads import validate_upload_kind, validate_upload_size, with_upload_limit
from vendorwatch.web.zones import ZONE_NAMES

ALLOWED_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")

TIME_ZONES = tuple(ZONE_NAMES)

# Date formats as the helpdesks write them, shown by example (27 November 2026, 14:30).
DATE_FORMATS = (
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",
    "%d/%b/%y %I:%M %p",
)
EXAMPLE_MOMENT = datetime(2026, 11, 27, 14, 30, 0)

DELIMITERS = (
    ("", pgettext_lazy("ticket import", "detect")),
    (";", _("semicolon ( ; )")),
    (",", _("comma ( , )")),
    ("\t", _("tab")),
    ("|", _("vertical bar ( | )")),
)
ENCODINGS = (
    ("", pgettext_lazy("ticket import", "detect")),
    ("utf-8", _("UTF-8 (most programs)")),
    ("cp1252", _("Windows (Excel, Western European)")),
)


def date_format_choices() -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", pgettext_lazy("ticket import", "detect"))]
    choices += [(fmt, EXAMPLE_MOMENT.strftime(fmt)) for fmt in DATE_FORMATS]
    return choices


def time_zone_choices() -> list[tuple[str, Any]]:
    first: list[tuple[str, Any]] = [("", _("as the format says, else the company's time zone"))]
    return first + list(ZONE_NAMES.items())


def valid_date_format(value: str) -> bool:
    """A strptime format that names a day, a month and a year and reads back what it writes."""
    has_day = "%d" in value or "%j" in value
    has_month = any(code in value for code in ("%m", "%b", "%B")) or "%j" in value
    has_year = "%Y" in value or "%y" in value
    if not (has_day and has_month and has_year) or len(value) > 60 or not value.isascii():
        return False
    try:
        datetime.strptime(EXAMPLE_MOMENT.strftime(value), value)
    except ValueError:
        return False
    return True


class SettingsFields(forms.Form):
    """Time zone, date format, separator and encoding: folded away, for when detection fails."""

    time_zone = forms.ChoiceField(label=_("Time zone of the times"), required=False)
    date_format = forms.ChoiceField(
        label=_("Date format"),
        required=False,
        help_text=_("Shown by the example 27 November 2026, 14:30."),
    )
    date_format_other = forms.CharField(
        label=_("Other date format"),
        required=False,
        max_length=60,
        help_text=_(
            "Only when no choice above fits; used instead of it. Write <code>%d</code> for the "
            "day, <code>%m</code> for the month, <code>%Y</code> for the year, <code>%H</code> "
            "for the hour and <code>%M</code> for the minute, for example "
            "<code>%d.%m.%Y %H:%M</code>."
        ),
    )
    delimiter = forms.ChoiceField(label=_("Column separator"), required=False, choices=DELIMITERS)
    encoding = forms.ChoiceField(label=_("Character encoding"), required=False, choices=ENCODINGS)

    SETTINGS = ("time_zone", "date_format", "date_format_other", "delimiter", "encoding")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = self.fields["time_zone"]
        assert isinstance(zone, forms.ChoiceField)
        zone.choices = time_zone_choices()
        date_format = self.fields["date_format"]
        assert isinstance(date_format, forms.ChoiceField)
        date_format.choices = date_format_choices()

    def clean_date_format_other(self) -> str:
        value = (self.cleaned_data.get("date_format_other") or "").strip()
        if value and not valid_date_format(value):
            raise forms.ValidationError(
                _(
                    "This is not a date format the import can read. It needs %d, %m and %Y, "
                    "for example %d.%m.%Y %H:%M."
                )
            )
        return value

    def chosen_date_format(self) -> str:
        data = self.cleaned_data
        return str(data.get("date_format_other") or data.get("date_format") or "")

    def settings_open(self) -> bool:
        """Keep the folded settings open when one of them is set or has an error."""
        if any(name in self.errors for name in self.SETTINGS):
            return True
        if self.is_bound:
            return any(self.data.get(self.add_prefix(name)) for name in self.SETTINGS)
        return any(self.initial.get(name) for name in self.SETTINGS)

    def settings_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SETTINGS]

    @staticmethod
    def settings_initial(options: ImportOptions) -> dict[str, str]:
        known = options.date_format in DATE_FORMATS
        return {
            "time_zone": options.time_zone if options.time_zone in TIME_ZONES else "",
            "date_format": options.date_format if known else "",
            "date_format_other": "" if known else options.date_format,
            "delimiter": options.delimiter,
            "encoding": options.encoding,
        }


def format_choices() -> list[tuple[str, Any]]:
    """ "Detect", every built-in preset, and the formats saved by users."""
    from vendorwatch.monitoring.presets import BUILTIN

    choices: list[tuple[str, Any]] = [("auto", _("Detect automatically"))]
    choices += [(preset.key, preset.display_label) for preset in BUILTIN.values()]
    saved: list[tuple[str, str]] = [
        (f"saved:{pk}", name) for pk, name in ImportPreset.objects.values_list("pk", "name")
    ]
    if saved:
        choices.append((str(_("Saved formats")), saved))
    return choices


def format_label(key: str, saved_names: dict[int, str] | None = None) -> str:
    """The name of a format as the user chose it ("auto", a built-in key or "saved:<pk>")."""
    from vendorwatch.monitoring.presets import BUILTIN

    if not key:
        return ""
    if key == "auto":
        return str(_("Detect automatically"))
    if key.startswith("saved:"):
        pk = parse_int(key.removeprefix("saved:"), minimum=1) or 0
        if saved_names is None:
            saved_names = dict(ImportPreset.objects.filter(pk=pk).values_list("pk", "name"))
        name = saved_names.get(pk)
        return name if name is not None else str(_("a saved format that was deleted"))
    preset = BUILTIN.get(key)
    return preset.display_label if preset is not None else key


class ImportForm(SettingsFields):
    """Which provider's export, under which SLA, in which format."""

    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.order_by("name"),
        empty_label=_("– please choose –"),
        help_text=_("The provider whose helpdesk wrote the export."),
    )
    sla_policy = forms.ModelChoiceField(
        label=_("SLA"),
        queryset=SlaPolicy.objects.select_related("provider"),
        required=False,
        help_text=_("Every ticket is checked against this SLA, in the version of its day."),
    )
    file = forms.FileField(
        label=_("Export file"),
        help_text=with_upload_limit(_("CSV or Excel (XLSX), at most %(limit)d MB.")),
        validators=[validate_upload_size],
    )
    preset = forms.ChoiceField(
        label=pgettext_lazy("ticket import", "Format"),
        initial="auto",
        help_text=_("Which helpdesk wrote the file. Usually it is recognised by its columns."),
    )

    field_order = ["provider", "sla_policy", "file", "preset", *SettingsFields.SETTINGS]

    def __init__(self, *args: Any, sla_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        preset = self.fields["preset"]
        assert isinstance(preset, forms.ChoiceField)
        preset.choices = format_choices()
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_SUFFIXES)
        if not self.is_bound and not self.initial.get("provider"):
            # The only provider with an SLA is the one whose export this is.
            with_sla = Provider.objects.filter(sla_policies__isnull=False).distinct()
            ids = list(with_sla.values_list("pk", flat=True)[:2])
            if len(ids) == 1:
                self.initial["provider"] = ids[0]
        if sla_url:
            # htmx: a changed provider fetches its SLA field from the same page.
            self.fields["provider"].widget.attrs.update(
                {
                    "hx-get": sla_url,
                    "hx-trigger": "change changed",
                    "hx-target": "#sla-field",
                    "hx-swap": "outerHTML",
                }
            )
        self._offer_slas_of(self.chosen_provider_id())

    def chosen_provider_id(self) -> int | None:
        if self.is_bound:
            return parse_int(self.data.get(self.add_prefix("provider")), minimum=1)
        value = self.initial.get("provider")
        return parse_int(getattr(value, "pk", value), minimum=1)

    def _offer_slas_of(self, provider_id: int | None) -> None:
        """Only the provider's SLAs are offered, the only one chosen; the field's queryset
        stays the whole table, so another provider's SLA is refused with a reason."""
        field = self.fields["sla_policy"]
        assert isinstance(field, forms.ModelChoiceField)
        policies = []
        if provider_id is not None:
            policies = list(SlaPolicy.objects.filter(provider_id=provider_id).order_by("name"))
        choices: list[tuple[Any, Any]] = [(p.pk, p.name) for p in policies]
        if provider_id is None:
            choices.insert(0, ("", _("first choose the provider")))
        elif not policies:
            choices.insert(0, ("", _("no SLA agreed")))
            field.help_text = _(
                "No SLA is agreed with this provider yet. Enter it first under SLA policies: "
                "without it there is nothing to check the tickets against."
            )
        elif len(policies) > 1:
            choices.insert(0, ("", _("– please choose –")))
        if not self.is_bound and len(policies) == 1:
            self.initial["sla_policy"] = policies[0].pk
        field.widget.choices = choices

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        validate_upload_kind(
            upload,
            ALLOWED_SUFFIXES,
            not_accepted=str(_("Please choose a CSV or Excel file (.csv or .xlsx).")),
        )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        provider, policy = data.get("provider"), data.get("sla_policy")
        if provider is None:
            return data
        if policy is None:
            if provider.sla_policies.exists():
                self.add_error("sla_policy", _("Please choose the SLA the tickets fall under."))
            else:
                self.add_error(
                    "sla_policy",
                    _("No SLA is agreed with %(provider)s yet; enter it first.")
                    % {"provider": provider.name},
                )
        elif policy.provider_id != provider.pk:
            self.add_error(
                "sla_policy",
                _("The SLA “%(policy)s” was not agreed with %(provider)s.")
                % {"policy": policy.name, "provider": provider.name},
            )
        elif not policy.versions.exists():
            self.add_error("sla_policy", _("This SLA has no version yet."))
        return data

    def import_options(self) -> ImportOptions:
        data = self.cleaned_data
        return ImportOptions(
            preset=data["preset"],
            date_format=self.chosen_date_format(),
            time_zone=data.get("time_zone") or "",
            delimiter=data.get("delimiter") or "",
            encoding=data.get("encoding") or "",
        )


def priority_choices(policy: SlaPolicy) -> list[tuple[int, str]]:
    """The SLA's priorities by rank ("P1 – Kritisch"), the latest version's names first."""
    rows = (
        Priority.objects.filter(version__policy=policy)
        .order_by("rank", "-version__valid_from")
        .values_list("rank", "code", "name")
    )
    seen: dict[int, str] = {}
    for rank, code, name in rows:
        seen.setdefault(rank, f"{code} – {name}")
    return sorted(seen.items())


class MappingForm(SettingsFields):
    """Which column holds which field, how dates are written, what each priority means.

    ``headers`` are the file's column names; ``priority_values`` the values found in its
    priority column, each offered the SLA's priorities.
    """

    save_as_preset = forms.BooleanField(
        label=_("Save as a format"),
        required=False,
        help_text=_("Then it can be chosen by name at the next import."),
    )
    preset_name = forms.CharField(label=_("Name of the format"), required=False, max_length=100)

    def __init__(
        self,
        *args: Any,
        headers: list[str],
        priority_values: list[str],
        policy: SlaPolicy,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        unique_headers = list(dict.fromkeys(h for h in headers if h.strip()))
        columns: list[tuple[str, Any]] = [("", _("– not in the file –"))]
        columns += [(header, header) for header in unique_headers]
        for name in f.FIELDS:
            field = forms.ChoiceField(
                label=capfirst(str(FIELD_LABELS[name])),
                required=False,
                choices=columns,
            )
            if name in f.REQUIRED:
                field.help_text = _("Needed for every ticket.")
            self.fields[f"column_{name}"] = field
        self.priority_values = priority_values
        ranks: list[tuple[Any, Any]] = [("", _("– not assigned –"))]
        ranks += priority_choices(policy)
        for index, value in enumerate(priority_values):
            self.fields[f"priority_{index}"] = forms.TypedChoiceField(
                label=value, required=False, choices=ranks, coerce=int, empty_value=None
            )

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"column_{name}"] for name in f.FIELDS]

    def priority_fields(self) -> list[forms.BoundField]:
        return [self[f"priority_{i}"] for i in range(len(self.priority_values))]

    def clean_preset_name(self) -> str:
        name = " ".join((self.cleaned_data.get("preset_name") or "").split())
        if name and ImportPreset.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                _("A format with this name exists already. Please choose another name.")
            )
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in f.REQUIRED:
            if not data.get(f"column_{name}") and f"column_{name}" not in self.errors:
                self.add_error(f"column_{name}", _("Please choose the column that holds it."))
        unnamed = data.get("save_as_preset") and not data.get("preset_name")
        if unnamed and "preset_name" not in self.errors:
            self.add_error("preset_name", _("Please give the format a name."))
        return data

    def import_options(self, preset: str) -> ImportOptions:
        data = self.cleaned_data
        priority_map = {}
        for index, value in enumerate(self.priority_values):
            rank = data.get(f"priority_{index}")
            if rank is not None:
                priority_map[value] = rank
        return ImportOptions(
            preset=preset,
            columns={name: data.get(f"column_{name}") or "" for name in f.FIELDS},
            date_format=self.chosen_date_format(),
            time_zone=data.get("time_zone") or "",
            priority_map=priority_map,
            delimiter=data.get("delimiter") or "",
            encoding=data.get("encoding") or "",
        )

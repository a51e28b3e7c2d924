"""Help texts explain a field instead of repeating its label, and prices say whether they are
per unit or in total."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from vendorwatch.contracts.contract_form import ContractForm
from vendorwatch.contracts.forms import BudgetForm, CertificateForm, QuotaForm
from vendorwatch.contracts.invoice_forms import InvoiceForm, InvoiceLineForm
from vendorwatch.contracts.review_forms import FindingForm, ReviewForm
from vendorwatch.contracts.tests.factory import make_contract, make_service

pytestmark = pytest.mark.django_db

# The fields a user may hesitate over, per form.
EXPLAINED = {
    ContractForm: (
        "title",
        "number",
        "start_date",
        "fee",
        "clause_type",
        "minimum_term_amount",
        "renewal_term_amount",
        "notice_amount",
        "notice_anchor",
        "continuation_notice_amount",
        "continuation_notice_anchor",
        "working_day_nth",
        "working_day_months_after",
        "pay_period",
        "required_form",
        "services",
        "sla_policy",
        "avv_present",
        "postal_days",
        "reminder_days",
        "reminder_recipients",
        "review_interval_months",
        "notes",
    ),
    InvoiceForm: ("number", "invoice_date", "period_start", "pdf", "notes"),
    InvoiceLineForm: ("service", "quantity", "unit_price"),
    BudgetForm: ("provider", "contract", "amount"),
    QuotaForm: ("name", "hours_bought", "hours_used", "expires_on", "price"),
    ReviewForm: ("period_start", "rating", "outcome", "summary"),
    FindingForm: ("evidence", "comment"),
    CertificateForm: ("name", "issuer", "valid_until"),
}


def cases() -> list[tuple[type[forms.BaseForm], str]]:
    return [(form, name) for form, names in EXPLAINED.items() for name in names]


@pytest.mark.parametrize(("form_class", "name"), cases())
def test_the_help_text_explains_more_than_the_label(
    form_class: type[forms.BaseForm], name: str
) -> None:
    with translation.override("de"):
        field = form_class().fields[name]
        help_text, label = str(field.help_text), str(field.label)
    assert help_text, f"{form_class.__name__}.{name} has no help text"
    # not the label again ("Notice period." under "Notice period"): it says more
    assert help_text.lower().rstrip(".") != label.lower()
    assert len(help_text) > len(label) + 15


def test_the_notice_period_is_explained_with_an_example() -> None:
    with translation.override("de"):
        help_text = str(ContractForm().fields["notice_amount"].help_text)
    assert "beim Dienstleister eingegangen" in help_text
    assert "z. B. 3 Monate" in help_text


@pytest.mark.parametrize(
    ("form_class", "name", "label"),
    [
        (QuotaForm, "price", "Gesamtpreis der Stunden (EUR)"),
        (InvoiceLineForm, "unit_price", "Preis je Einheit (EUR)"),
        (BudgetForm, "amount", "Budget für das ganze Jahr (EUR)"),
        (ContractForm, "fee", "Laufendes Entgelt (EUR)"),
        (ContractForm, "fee_period", "Das Entgelt gilt"),
    ],
)
def test_a_price_says_what_it_is_for(
    form_class: type[forms.BaseForm], name: str, label: str
) -> None:
    with translation.override("de"):
        assert str(form_class().fields[name].label) == label


def test_the_quota_price_is_explained_as_the_total() -> None:
    with translation.override("de"):
        help_text = str(QuotaForm().fields["price"].help_text)
    assert "nicht der Preis je Stunde" in help_text


def test_alike_parts_of_a_form_are_explained_once(client, editor) -> None:  # type: ignore[no-untyped-def]
    contract = make_contract()
    make_service(contract, name="Helpdesk")
    make_service(contract, name="Backup")
    client.force_login(editor)
    review = client.get(reverse("contracts-review-add", args=[contract.pk])).text
    assert review.count("Ihre eigene Einschätzung") == 1
    assert review.count('class="required-note"') == 1
    invoice = client.get(reverse("contracts-invoice-add", args=[contract.pk])).text
    assert invoice.count("nicht der Gesamtbetrag der Position") == 1
    assert invoice.count('class="required-note"') == 1

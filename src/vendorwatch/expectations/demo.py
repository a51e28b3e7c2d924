from datetime import date

from vendorwatch.demo import DemoContext, loader
from vendorwatch.expectations import starter
from vendorwatch.expectations.models import Party, Requirement, Service, Task
from vendorwatch.expectations.services import (
    raci_add_starter,
    requirement_agreements_set,
    requirements_add_from_starter,
    responsibility_set,
    services_add_from_starter,
)
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import BusinessCalendar

AGREED_ON = date(2026, 2, 12)
AGREED = {"support-hours", "response-times", "backup-daily", "restore-test", "patching", "avv"}
NOT_CONTRACTED = {"awareness", "documentation"}
# task key → {party name: kind}; parties as named in the German starter set
MATRIX = {
    "report-problem": {"Büroleitung": "A", "Mitarbeitende": "R", "Dienstleister: Support": "I"},
    "fix-problem": {
        "Dienstleister: Support": "R",
        "Dienstleister: Kundenbetreuung": "A",
        "Büroleitung": "I",
    },
    "confirm-fix": {"Mitarbeitende": "R", "Büroleitung": "A", "Dienstleister: Support": "I"},
    "backup-run": {"Dienstleister: Support": "R", "Dienstleister: Kundenbetreuung": "A"},
    "restore-test": {"Dienstleister: Support": "R", "Geschäftsführung": "A", "Büroleitung": "I"},
    "patching": {
        "Dienstleister: Support": "R",
        "Dienstleister: Kundenbetreuung": "A",
        "Büroleitung": "I",
    },
    "user-accounts": {"Dienstleister: Support": "R", "Büroleitung": "A"},
    "buy-licences": {
        "Büroleitung": "R",
        "Geschäftsführung": "A",
        "Dienstleister: Kundenbetreuung": "C",
    },
    "security-incident": {"Dienstleister: Support": "R", "Geschäftsführung": "A"},
    # Left incomplete on purpose, so that the demo shows the matrix check at work.
    "documentation": {"Dienstleister: Support": "R"},
}


@loader(order=40)
def load_expectations(context: DemoContext) -> None:
    requirements_add_from_starter(keys=[r.key for r in starter.REQUIREMENTS[:24]], language="de")
    services_add_from_starter(keys=[s.key for s in starter.SERVICES], language="de")
    provider = Provider.objects.filter(name="Brandl IT-Systemhaus GmbH").first()
    if provider is not None:
        # Agreed with Brandl only: the documents of the other providers show them as open.
        for requirement in Requirement.objects.filter(starter_key__in=AGREED):
            requirement_agreements_set(requirement=requirement, dates={provider: AGREED_ON})
    calendar = BusinessCalendar.objects.order_by("pk").first()
    Service.objects.filter(provider__isnull=True).exclude(starter_key__in=NOT_CONTRACTED).update(
        contracted=True, provider=provider, calendar=calendar
    )
    Service.objects.filter(starter_key="workplace").update(quantity=28, price="45.00")
    Service.objects.filter(starter_key="server").update(quantity=2, price="180.00")
    Service.objects.filter(starter_key="email").update(quantity=30, price="12.50")
    if not Task.objects.exists():
        raci_add_starter(language="de")
        # The provider's roles are Brandl's: another provider's document does not show them.
        Party.objects.filter(side=Party.Side.PROVIDER, provider__isnull=True).update(
            provider=provider
        )
        parties = {party.name: party for party in Party.objects.all()}
        for task in Task.objects.filter(starter_key__in=MATRIX):
            for party_name, kind in MATRIX[task.starter_key].items():
                responsibility_set(task=task, party=parties[party_name], kind=kind)

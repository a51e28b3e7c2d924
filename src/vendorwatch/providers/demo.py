from vendorwatch.demo import DemoContext, loader
from vendorwatch.providers.models import Contact, Provider

CONTACTS = [
    ("Servicedesk", "Support-Hotline", "support@brandl-it.example", "+49 821 123456-0", 1),
    ("Jonas Huber", "Teamleiter Support", "j.huber@brandl-it.example", "+49 821 123456-21", 2),
    ("Petra Lang", "Kundenbetreuerin", "p.lang@brandl-it.example", "+49 821 123456-30", 2),
    ("Markus Brandl", "Geschäftsführer", "m.brandl@brandl-it.example", "+49 821 123456-10", 3),
]


@loader(order=20)
def load_providers(context: DemoContext) -> None:
    provider, _created = Provider.objects.get_or_create(
        name="Brandl IT-Systemhaus GmbH",
        defaults={
            "status": Provider.Status.ACTIVE,
            "customer_number": "K-10472",
            "street": "Am Technologiepark 3",
            "postcode": "86159",
            "city": "Augsburg",
            "website": "https://brandl-it.example",
            "notes": (
                "Betreut uns seit 2023: Arbeitsplätze, Server, Backup, Firewall, Microsoft 365."
            ),
        },
    )
    for name, role, email, phone, level in CONTACTS:
        Contact.objects.get_or_create(
            provider=provider,
            name=name,
            defaults={"role": role, "email": email, "phone": phone, "escalation_level": level},
        )
    Provider.objects.get_or_create(
        name="Netzwerk & Cloud Schwaben GmbH",
        defaults={
            "status": Provider.Status.CANDIDATE,
            "city": "Ulm",
            "website": "https://nc-schwaben.example",
        },
    )
    context.objects["provider"] = provider

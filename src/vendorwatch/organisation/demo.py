from vendorwatch.demo import DemoContext, loader
from vendorwatch.organisation.models import FederalState, Organisation


@loader(order=10)
def load_organisation(context: DemoContext) -> None:
    organisation, _created = Organisation.objects.get_or_create(
        pk=Organisation.SINGLETON_ID,
        defaults={
            "name": "Müller Metallbau GmbH",
            "street": "Industriestraße 12",
            "postcode": "86150",
            "city": "Augsburg",
            "federal_state": FederalState.BY,
            "time_zone": "Europe/Berlin",
            "document_language": "de",
            "phone": "0821 455 60-0",
            "email": "info@mueller-metallbau.example",
            "website": "www.mueller-metallbau.example",
            "signatory": "Klaus Müller, Geschäftsführer",
            "letter_footer": (
                "Geschäftsführer: Klaus Müller · Amtsgericht Augsburg HRB 12345 · "
                "USt-IdNr. DE123456789"
            ),
        },
    )
    context.objects["organisation"] = organisation

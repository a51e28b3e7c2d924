"""Move each agreed requirement's date to the provider it was agreed with, where that is known.

Before, a requirement had one status and one date for all providers, and every provider's
document printed them. Where the provider can be told, the agreement becomes that provider's:
a requirement for exactly one provider, or a requirement for all while the installation works
with exactly one active provider. Otherwise nobody can say who agreed: the date is kept as
"provider not recorded", shown to the user and in no provider's document.
"""

from django.db import migrations


def _provider_of(requirement, active_ids):
    if not requirement.for_all_providers:
        linked = list(requirement.providers.values_list("pk", flat=True))
        return linked[0] if len(linked) == 1 else None
    return active_ids[0] if len(active_ids) == 1 else None


def fill_requirement_agreements(apps, schema_editor):
    Requirement = apps.get_model("expectations", "Requirement")
    RequirementAgreement = apps.get_model("expectations", "RequirementAgreement")
    Provider = apps.get_model("providers", "Provider")
    active_ids = list(Provider.objects.filter(status="active").values_list("pk", flat=True))
    for requirement in Requirement.objects.filter(status="agreed", agreed_on__isnull=False):
        provider_id = _provider_of(requirement, active_ids)
        if provider_id is None:
            requirement.unattributed_agreed_on = requirement.agreed_on
            requirement.save(update_fields=["unattributed_agreed_on"])
        else:
            RequirementAgreement.objects.create(
                requirement=requirement, provider_id=provider_id, agreed_on=requirement.agreed_on
            )


def restore_shared_agreement(apps, schema_editor):
    # Back to one date for all providers: the earliest day anyone agreed.
    Requirement = apps.get_model("expectations", "Requirement")
    for requirement in Requirement.objects.all():
        days = [a.agreed_on for a in requirement.agreements.all()]
        if requirement.unattributed_agreed_on:
            days.append(requirement.unattributed_agreed_on)
        if days:
            requirement.status = "agreed"
            requirement.agreed_on = min(days)
            requirement.save(update_fields=["status", "agreed_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("expectations", "0005_create_requirement_agreements"),
        ("providers", "0002_validate_contact_escalation_level"),
    ]

    operations = [
        migrations.RunPython(fill_requirement_agreements, restore_shared_agreement),
    ]

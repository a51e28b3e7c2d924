from django.contrib.auth.models import User

from vendorwatch.accounts.roles import Role, role_of, set_role, sync_role_permissions
from vendorwatch.demo import DemoContext, demo_admin_password, loader

DEMO_ADMIN = "admin"
PEOPLE = [
    # user name, first name, last name, e-mail, role
    ("s.keller", "Sabine", "Keller", "s.keller@mueller-metallbau.example", Role.EDITOR),
    ("t.berger", "Thomas", "Berger", "t.berger@mueller-metallbau.example", Role.VIEWER),
]


@loader(order=0)
def load_users(context: DemoContext) -> None:
    sync_role_permissions()
    admin, created = User.objects.get_or_create(
        username=DEMO_ADMIN,
        defaults={
            "first_name": "Klaus",
            "last_name": "Müller",
            "email": "k.mueller@mueller-metallbau.example",
        },
    )
    if created:
        admin.set_password(demo_admin_password())
        admin.save(update_fields=["password"])
    if role_of(admin) is None:
        set_role(admin, Role.ADMINISTRATOR)
    for username, first, last, email, role in PEOPLE:
        person, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "email": email}
        )
        if created:
            # The same demo password for everyone, so that each role can be tried out.
            person.set_password(demo_admin_password())
            person.save(update_fields=["password"])
            set_role(person, role)
    context.objects["admin"] = admin

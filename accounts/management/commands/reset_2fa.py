from django_otp import devices_for_user

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Remove a user's two-factor devices (a lost or replaced phone). At their next "
        "sign-in they enrol a new one, or sign in with their password alone if nothing "
        "requires a second factor of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        self.stdout.write(f"{len(devices)} device(s) removed for {username}.")

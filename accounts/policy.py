"""Who must sign in to the admin with a second factor, and with which device."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings

from catalogue.roles import COORDINATION


def two_factor_mandatory(user) -> bool:
    """Superusers and the coordination hold every right over the content and the accounts:
    with ADMIN_2FA_REQUIRED on, they may not use the admin without a second factor. Other
    staff (actors, advisors) may enrol one if they wish."""
    if not settings.ADMIN_2FA_REQUIRED or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=COORDINATION).exists()


def confirmed_device(user) -> TOTPDevice | None:
    """The user's authenticator app, once a first code has proved it is set up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The device being enrolled: the same secret until a code confirms it, so that reloading
    the enrolment page never invalidates a QR code already scanned."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Application", confirmed=False)
    return device

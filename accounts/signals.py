from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from accounts.models import User
from saphire import plugins

COORDINATOR_GROUP = "Coordinators"


@receiver(pre_save, sender=User)
def sync_staff_flags(sender, instance: User, **kwargs):
    """Administrators and coordinators use the Django admin; nobody else does."""
    if instance.role == User.Role.ADMINISTRATOR:
        instance.is_staff = True
        instance.is_superuser = True
    elif instance.role == User.Role.COORDINATOR:
        instance.is_staff = True
    elif not instance.is_superuser:
        instance.is_staff = False


def ensure_coordinator_group(sender, **kwargs):
    """Coordinators get every permission in the admin on the apps that register for it."""
    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    apps = plugins.coordinator_admin_apps.app_labels()
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=apps))


def add_to_coordinator_group(user: User) -> None:
    if user.role == User.Role.COORDINATOR:
        user.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])


@receiver(post_save, sender=User)
def sync_coordinator_group(sender, instance: User, **kwargs):
    """A role changed anywhere (admin, shell, API) gives or takes the coordinators' admin permissions."""
    if instance.role == User.Role.COORDINATOR:
        add_to_coordinator_group(instance)
    else:
        instance.groups.remove(*Group.objects.filter(name=COORDINATOR_GROUP))

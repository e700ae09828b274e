"""Logging in to the admin: whose address a login comes from, and the page shown to a client
locked out for too many failures. django-axes counts and locks; these are its two hooks
(AXES_CLIENT_IP_CALLABLE, AXES_LOCKOUT_CALLABLE)."""

import ipaddress

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind our proxy (BEHIND_PROXY) the address it appended to
    X-Forwarded-For: the right-most entry, since a client can write the ones before it."""
    # Read per request, so the setting (DJANGO_BEHIND_PROXY) can be changed in tests.
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1]
        if address := _address(forwarded):
            return address
    # No proxy, or no header as our proxy writes it: the address the connection came from.
    return _address(request.META.get("REMOTE_ADDR", ""))


def _address(text: str) -> str | None:
    # Axes stores the address in an IP address column, which refuses anything else.
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """429 with Retry-After and the reason, for a name and address with too many failures."""
    # Each try while locked starts the cool-off again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_
    # LOCKOUT), and this page answers such a try: the whole cool-off remains.
    seconds = int(get_cool_off(request).total_seconds())
    context = {
        **admin.site.each_context(request),
        "title": gettext("Too many attempts"),
        "minutes": seconds // 60,
    }
    refused = render(request, "admin/login_throttled.html", context, status=429)
    refused["Retry-After"] = str(seconds)
    return refused

"""Serializers that change data through the pages' own forms.

A serializer reads the JSON (types, required fields, documented in the schema); the page's
form then checks the values with every business rule it has, and the page's way of saving
(a service function or ``form.save()``) stores them. So the API can never accept what the
page would refuse, nor store a record the page would store differently.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.forms.models import model_to_dict
from rest_framework import serializers
from rest_framework.settings import api_settings
from rest_framework.validators import UniqueValidator


def form_value(value: Any) -> Any:
    """A value the serializer read, as a form field takes it.

    Records become their keys. A decimal becomes text the strict decimal fields read the same
    way in every language: they take "1.500" as 1500 in German (a thousands separator), so a
    fraction of exactly three digits gets a fourth ("1.5000").
    """
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [form_value(item) for item in value]
    if isinstance(value, Decimal):
        text = f"{value:f}"
        fraction = text.partition(".")[2]
        return f"{text}0" if len(fraction) == 3 else text
    return value


def form_errors(form: forms.BaseForm) -> dict[str, list[str]]:
    """The form's messages by field, the form-wide ones under DRF's ``non_field_errors``."""
    errors: dict[str, list[str]] = {}
    for name, messages in form.errors.items():
        key = api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name
        errors[key] = [str(message) for message in messages]
    return errors


class FormSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    # A model serializer whose writes go through ``form_class`` (the page's form).
    #
    # The form gets the record's current values with the request's on top (so PATCH changes
    # only what it names) and decides; its messages are the API's field errors. Subclasses
    # say how the page saves (:meth:`save_form`) and what else the form needs
    # (:meth:`form_kwargs`, :meth:`new_instance`). No docstring: the schema would show it.

    form_class: type[forms.BaseForm]

    def get_validators(self) -> list[Any]:
        # The form checks unique fields and constraints itself, with the page's messages.
        return []

    def build_standard_field(self, field_name: str, model_field: Any) -> tuple[Any, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        validators = [v for v in kwargs.get("validators", []) if not isinstance(v, UniqueValidator)]
        if "validators" in kwargs:
            kwargs["validators"] = validators
        return field_class, kwargs

    # --- what subclasses adapt -----------------------------------------------------------

    def new_instance(self, attrs: dict[str, Any]) -> models.Model:
        """The unsaved record a new form starts from (fields the page sets, not the form)."""
        model: type[models.Model] = self.Meta.model
        return model()

    def form_kwargs(self, instance: models.Model) -> dict[str, Any]:
        return {}

    def save_form(self, form: Any) -> models.Model:
        return form.save()  # type: ignore[no-any-return]

    # --- the bridge ----------------------------------------------------------------------

    def stored_values(self, form: forms.BaseForm, instance: models.Model) -> dict[str, Any]:
        """What the page's form would show for the record: its values, as form data."""
        if instance.pk is None:
            values = model_to_dict(instance, fields=list(form.fields))
        else:
            values = {name: form.get_initial_for_field(f, name) for name, f in form.fields.items()}
        return {name: form_value(value) for name, value in values.items() if value is not None}

    def bound_form(self, attrs: dict[str, Any]) -> forms.BaseForm:
        instance = self.instance if self.instance is not None else self.new_instance(attrs)
        kwargs = self.form_kwargs(instance)
        if isinstance(instance, models.Model) and issubclass(self.form_class, forms.BaseModelForm):
            kwargs["instance"] = instance
        unbound = self.form_class(**kwargs)
        data = self.stored_values(unbound, instance)
        data.update({name: form_value(value) for name, value in attrs.items()})
        return self.form_class(data=data, **kwargs)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        form = self.bound_form(attrs)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        self._form = form
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Any:
        return self.save_form(self._form)

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:
        return self.save_form(self._form)

from vendorwatch.contracts.models.contract import (
    Certificate,
    Contract,
    ContractDocument,
    PeriodUnit,
)
from vendorwatch.contracts.models.costs import Budget, HoursQuota, Invoice, InvoiceLine
from vendorwatch.contracts.models.feed import CalendarFeedToken
from vendorwatch.contracts.models.review import ContractReview, FollowUp, ReviewFinding

__all__ = [
    "Budget",
    "CalendarFeedToken",
    "Certificate",
    "Contract",
    "ContractDocument",
    "ContractReview",
    "FollowUp",
    "HoursQuota",
    "Invoice",
    "InvoiceLine",
    "PeriodUnit",
    "ReviewFinding",
]

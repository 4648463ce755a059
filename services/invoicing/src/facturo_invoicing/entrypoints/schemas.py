"""HTTP schemas of the invoicing API, named by their boundary."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    model_validator,
)

from facturo_invoicing.domain.comments import MAX_MENTIONS, MAX_TEXT

DepartmentCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,10}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Language = Literal["fr", "en"]


class ContactCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=30)
    role: str = Field(
        default="billing", max_length=50, description="billing receives invoices"
    )


class ContactRead(BaseModel):
    name: str
    email: str | None
    phone: str | None
    role: str


class AddressCreate(BaseModel):
    """A postal address as EN 16931 has it (BG-8), without the country."""

    model_config = ConfigDict(extra="forbid")

    lines: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=list, max_length=3
    )
    postcode: str | None = Field(default=None, max_length=20)
    city: str | None = Field(default=None, max_length=100)
    subdivision: str | None = Field(default=None, max_length=100)


class AddressRead(BaseModel):
    lines: list[str]
    postcode: str | None
    city: str | None
    subdivision: str | None
    country: str


class CustomerCreate(BaseModel):
    """A customer; `departments` may invoice it (`department`: just one)."""

    model_config = ConfigDict(extra="forbid")

    departments: list[DepartmentCode] = Field(default_factory=list, max_length=20)
    department: DepartmentCode | None = Field(
        default=None, description="shorthand for departments=[department]"
    )
    name: str = Field(min_length=1, max_length=200, description="legal name")
    siren: str | None = Field(default=None, max_length=11)
    siret: str | None = Field(default=None, max_length=17)
    vat_id: str | None = Field(default=None, max_length=20)
    email: EmailStr | None = Field(default=None, description="where invoices go")
    address: AddressCreate | None = None
    address_lines: list[str] = Field(
        default_factory=list, max_length=6, description="free lines, if no address"
    )
    country: CountryCode = "FR"
    contacts: list[ContactCreate] = Field(default_factory=list, max_length=20)
    payment_terms_days: int = 30
    preferred_language: Language = "fr"


class CustomerUpdate(BaseModel):
    """A change to a customer: the fields of `CustomerCreate`, each optional."""

    model_config = ConfigDict(extra="forbid")

    departments: list[DepartmentCode] | None = Field(default=None, max_length=20)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    siren: str | None = Field(default=None, max_length=11)
    siret: str | None = Field(default=None, max_length=17)
    vat_id: str | None = Field(default=None, max_length=20)
    email: EmailStr | None = None
    address: AddressCreate | None = None
    country: CountryCode | None = None
    contacts: list[ContactCreate] | None = Field(default=None, max_length=20)
    payment_terms_days: int | None = None
    preferred_language: Language | None = None

    @model_validator(mode="before")
    @classmethod
    def _refuse_null(cls, data: Any) -> Any:
        required = {"departments", "name", "country", "contacts", "address"}
        required |= {"payment_terms_days", "preferred_language"}
        if isinstance(data, dict):
            nulls = sorted(k for k, v in data.items() if v is None and k in required)
            if nulls:
                raise ValueError(f"may not be null: {', '.join(nulls)}")
        return data


class CustomerRead(BaseModel):
    id: str
    department: str = Field(description="the department that created it")
    departments: list[str]
    name: str
    siren: str | None
    siret: str | None
    vat_id: str | None
    email: str | None = Field(description="the invoicing contact's address")
    address: AddressRead
    address_lines: list[str]
    country: str
    contacts: list[ContactRead]
    payment_terms_days: int
    preferred_language: str
    version: int


VatCategoryCode = Literal["S", "Z", "E", "AE", "K", "G", "O"]
UnitCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{1,3}$")]
Reference = Annotated[str, StringConstraints(min_length=1, max_length=100)]
Note = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
DeliverTo = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]

VAT_CATEGORY = Field(
    default=None,
    description=(
        "UNCL5305 code: S standard, Z zero rated, E exempt, AE reverse charge, "
        "K intra-EU supply, G export, O not subject to VAT; default S when "
        "the rate is above 0, else Z"
    ),
)


class DiscountCreate(BaseModel):
    """A line discount: a percent of the line amount, or an amount."""

    model_config = ConfigDict(extra="forbid")

    percent: Decimal | None = Field(default=None, description='e.g. "10" for 10 %')
    amount: Decimal | None = None


class LineCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str
    quantity: Decimal
    unit: UnitCode = Field(default="C62", description="UN/ECE rec. 20 unit code")
    unit_price: Decimal = Field(
        description="without VAT, or with VAT when the invoice is tax_inclusive"
    )
    discount: DiscountCreate | None = None
    vat_rate: Decimal = Field(description='percent, e.g. "20"')
    vat_category: VatCategoryCode | None = VAT_CATEGORY
    exemption_reason: str | None = Field(default=None, max_length=300)
    exemption_code: str | None = Field(
        default=None, max_length=30, description="VATEX code, e.g. VATEX-EU-132"
    )


class AdjustmentCreate(BaseModel):
    """A document-level allowance or charge, in its VAT category and rate."""

    model_config = ConfigDict(extra="forbid")

    amount: Decimal
    reason: str = Field(max_length=300)
    reason_code: str | None = Field(default=None, max_length=10)
    vat_rate: Decimal
    vat_category: VatCategoryCode | None = VAT_CATEGORY
    exemption_reason: str | None = Field(default=None, max_length=300)
    exemption_code: str | None = Field(default=None, max_length=30)


class InvoiceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    department: DepartmentCode
    customer_id: str
    currency: CurrencyCode = "EUR"
    lines: list[LineCreate] = Field(min_length=1, max_length=500)
    allowances: list[AdjustmentCreate] = Field(default_factory=list, max_length=50)
    charges: list[AdjustmentCreate] = Field(default_factory=list, max_length=50)
    notes: list[Note] = Field(default_factory=list, max_length=20)
    purchase_order_reference: Reference | None = None
    buyer_reference: Reference | None = None
    tax_inclusive: bool = Field(
        default=False, description="unit prices, discounts and adjustments include VAT"
    )
    prepaid: Decimal = Field(default=Decimal(0), description="amount already paid")
    exchange_rate: Decimal | None = Field(
        default=None,
        description="accounting-currency units per invoice-currency unit; "
        "required when the invoice is not in the accounting currency",
    )
    exchange_rate_date: date | None = Field(
        default=None, description="the day of the rate (default: today)"
    )
    actual_delivery_date: date | None = Field(default=None, description="BT-72")
    invoicing_period_start: date | None = Field(default=None, description="BT-73")
    invoicing_period_end: date | None = Field(
        default=None, description="BT-74, not before the start"
    )
    deliver_to_country: CountryCode | None = Field(
        default=None, description="BT-80, ISO 3166-1 alpha-2"
    )
    deliver_to_address: DeliverTo | None = Field(
        default=None, description="BT-75, a line of the deliver-to address"
    )


NOT_NULL = frozenset(
    {"department", "customer_id", "currency", "lines", "allowances", "charges"}
    | {"notes", "tax_inclusive", "prepaid"}
)


class InvoiceUpdate(BaseModel):
    """A change to a draft: the fields of `InvoiceCreate`, each optional."""

    model_config = ConfigDict(extra="forbid")

    department: DepartmentCode | None = None
    customer_id: str | None = None
    currency: CurrencyCode | None = None
    lines: list[LineCreate] | None = Field(default=None, min_length=1, max_length=500)
    allowances: list[AdjustmentCreate] | None = Field(default=None, max_length=50)
    charges: list[AdjustmentCreate] | None = Field(default=None, max_length=50)
    notes: list[Note] | None = Field(default=None, max_length=20)
    purchase_order_reference: Reference | None = None
    buyer_reference: Reference | None = None
    tax_inclusive: bool | None = None
    prepaid: Decimal | None = None
    exchange_rate: Decimal | None = None
    exchange_rate_date: date | None = None
    actual_delivery_date: date | None = None
    invoicing_period_start: date | None = None
    invoicing_period_end: date | None = None
    deliver_to_country: CountryCode | None = None
    deliver_to_address: DeliverTo | None = None

    @model_validator(mode="before")
    @classmethod
    def _refuse_null(cls, data: Any) -> Any:
        if isinstance(data, dict):
            nulls = sorted(k for k, v in data.items() if v is None and k in NOT_NULL)
            if nulls:
                raise ValueError(f"may not be null: {', '.join(nulls)}")
        return data


class DiscountRead(BaseModel):
    percent: Decimal | None
    amount: Decimal | None


class LineRead(BaseModel):
    position: int
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    discount: DiscountRead | None
    discount_total: Decimal
    vat_rate: Decimal
    vat_category: str
    exemption_reason: str | None
    exemption_code: str | None
    net: Decimal


class AdjustmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    amount: Decimal
    net: Decimal
    reason: str
    reason_code: str | None
    vat_rate: Decimal
    vat_category: str
    exemption_reason: str | None
    exemption_code: str | None


class VatBreakdownRead(BaseModel):
    category: str
    rate: Decimal
    taxable: Decimal
    vat: Decimal
    exemption_reason: str | None
    exemption_code: str | None


class TotalsRead(BaseModel):
    """EN 16931 document totals (BG-22) in the invoice currency."""

    line_total: Decimal
    allowance_total: Decimal
    charge_total: Decimal
    net: Decimal
    vat: Decimal
    gross: Decimal
    prepaid: Decimal
    rounding: Decimal
    amount_due: Decimal
    vat_breakdown: list[VatBreakdownRead]


class AccountingCurrencyRead(BaseModel):
    """BT-6 and BT-111, when the invoice is not in the accounting currency."""

    currency: str
    exchange_rate: Decimal
    exchange_rate_date: date
    vat: Decimal


class SellerRead(BaseModel):
    """The seller as it was at issue: the department's legal entity then."""

    legal_entity_id: str | None = Field(
        description="its id in the identity service; null for the default "
        "seller, used while identity had not named the department's entity"
    )
    name: str
    siren: str
    vat_id: str
    address: str


class InvoiceRead(BaseModel):
    id: str
    department: str
    customer_id: str
    customer_name: str
    author_id: str
    author_username: str
    currency: str
    status: str
    version: int
    number: str | None = Field(description="unique per seller, once issued")
    issue_date: date | None
    due_date: date | None
    seller: SellerRead | None = Field(description="null until issued")
    tax_inclusive: bool
    totals: TotalsRead
    accounting: AccountingCurrencyRead | None
    lines: list[LineRead]
    allowances: list[AdjustmentRead]
    charges: list[AdjustmentRead]
    notes: list[str]
    purchase_order_reference: str | None
    buyer_reference: str | None
    actual_delivery_date: date | None = None
    invoicing_period_start: date | None = None
    invoicing_period_end: date | None = None
    deliver_to_country: str | None = None
    deliver_to_address: str | None = None
    rejection_reason: str | None
    sent_at: datetime | None
    credited: Decimal = Field(description="the gross of its issued credit notes")
    paid: Decimal = Field(description="the sum of the payments that count")
    outstanding: Decimal | None = Field(
        description="what is left to pay after credit notes, payments and "
        "refunds; null until issued"
    )
    refunded: Decimal = Field(
        default=Decimal(0), description="the sum of the refunds that count"
    )
    refund_due: Decimal = Field(
        default=Decimal(0),
        description="what credit notes left paid beyond what the invoice owes, "
        "less refunds: to pay back (status refund_due)",
    )
    overdue: bool = Field(description="past its due date with something to pay")
    created_at: datetime
    updated_at: datetime


class InvoicePage(BaseModel):
    items: list[InvoiceRead]
    total: int
    limit: int
    offset: int


PaymentMethodCode = Literal[
    "transfer", "card", "cheque", "cash", "direct_debit", "other"
]


class PaymentCreate(BaseModel):
    """Money received for the invoice, in the invoice's currency."""

    model_config = ConfigDict(extra="forbid")

    amount: Decimal = Field(description='decimal string, e.g. "120.00"')
    received_on: date
    method: PaymentMethodCode
    reference: str = Field(default="", max_length=140, description="e.g. SEPA")


class PaymentReverse(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(
        min_length=1, max_length=500, description="e.g. cheque returned unpaid"
    )


class PaymentRead(BaseModel):
    id: str
    invoice_id: str
    amount: Decimal
    currency: str
    received_on: date
    method: str
    reference: str
    recorded_by: str
    recorded_at: datetime
    reversed: bool
    reversed_on: date | None
    reversal_reason: str | None


class BalanceRead(BaseModel):
    """Where the invoice stands after its payments."""

    invoice_id: str
    status: str
    version: int
    currency: str
    credited: Decimal
    paid: Decimal
    refunded: Decimal
    outstanding: Decimal | None
    refund_due: Decimal
    overdue: bool


class PaymentResult(BaseModel):
    """A payment recorded or reversed, and the invoice's balance after it."""

    payment: PaymentRead
    invoice: BalanceRead


class PaymentList(BaseModel):
    items: list[PaymentRead]
    invoice: BalanceRead


class RefundCreate(BaseModel):
    """Money paid back to the customer, in the invoice's currency."""

    model_config = ConfigDict(extra="forbid")

    amount: Decimal = Field(description='decimal string, e.g. "50.00"')
    refunded_on: date
    method: PaymentMethodCode
    reference: str = Field(default="", max_length=140, description="e.g. SEPA")


class RefundReverse(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(
        min_length=1, max_length=500, description="e.g. transfer returned"
    )


class RefundRead(BaseModel):
    id: str
    invoice_id: str
    amount: Decimal
    currency: str
    refunded_on: date
    method: str
    reference: str
    recorded_by: str
    recorded_at: datetime
    reversed: bool
    reversed_on: date | None
    reversal_reason: str | None


class RefundResult(BaseModel):
    """A refund recorded or reversed, and the invoice's balance after it."""

    refund: RefundRead
    invoice: BalanceRead


class RefundList(BaseModel):
    items: list[RefundRead]
    invoice: BalanceRead


class CreditNoteCreate(BaseModel):
    """Credit an issued invoice in full, by line quantities, or by an amount."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["full", "lines", "amount"]
    quantities: dict[int, Decimal] | None = Field(
        default=None,
        description='kind "lines": quantity to credit by line position, '
        'e.g. {"1": "2"}',
    )
    gross: Decimal | None = Field(
        default=None, description='kind "amount": the gross amount to credit'
    )
    reason: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)
    ]

    @model_validator(mode="after")
    def _fits_kind(self) -> "CreditNoteCreate":
        if (self.quantities is not None) != (self.kind == "lines"):
            raise ValueError('quantities are given with kind "lines", and only then')
        if (self.gross is not None) != (self.kind == "amount"):
            raise ValueError('gross is given with kind "amount", and only then')
        return self


class CreditLineRead(BaseModel):
    invoice_line: int | None = Field(
        description="the position of the invoice line credited; null by amount"
    )
    quantity: Decimal
    unit_price: Decimal
    net: Decimal
    vat_category: str
    vat_rate: Decimal


class CreditVatGroupRead(BaseModel):
    vat_category: str
    vat_rate: Decimal
    taxable: Decimal
    vat: Decimal


class CreditNoteRead(BaseModel):
    """Amounts are positive: the document is a credit."""

    id: str
    invoice_id: str
    department: str
    kind: str
    status: str = Field(description="draft, submitted or issued")
    reason: str
    currency: str
    net: Decimal
    vat: Decimal
    gross: Decimal
    lines: list[CreditLineRead]
    vat_groups: list[CreditVatGroupRead]
    number: str | None = Field(description="e.g. SAL-AV-2026-000001, once issued")
    issue_date: date | None
    seller: SellerRead | None = Field(
        description="the invoice's seller, as on the invoice; null until issued"
    )
    author_id: str
    author_username: str
    returned_reason: str | None = Field(
        description="why it went back to draft: rejected, or no room left"
    )
    version: int
    created_at: datetime
    updated_at: datetime


class CreditNoteList(BaseModel):
    items: list[CreditNoteRead]


UserId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{1,64}$")]


class CommentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    ]
    mentions: list[UserId] = Field(
        default_factory=list,
        max_length=100,
        description="subject ids of people to notify; repeats count once, "
        f"at most {MAX_MENTIONS} different ones, each able to read the invoice",
    )


class CommentRead(BaseModel):
    """A comment; comments are never edited or deleted."""

    id: str
    invoice_id: str
    author_id: str
    author_username: str
    text: str
    mentions: list[str]
    created_at: datetime


class CommentPage(BaseModel):
    items: list[CommentRead]
    total: int
    limit: int
    offset: int

"""An optional amount with its currency; blank means "no amount"."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget


class MoneyField(QWidget):
    def __init__(self, parent: QWidget | None = None, default_currency: str = "EUR"):
        super().__init__(parent)
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText(self.tr("no amount"))
        self.currency = QLineEdit(self)
        self.currency.setMaxLength(3)
        self.currency.setPlaceholderText(default_currency)
        self.currency.setFixedWidth(self.fontMetrics().horizontalAdvance("MMMMM"))
        self._default = default_currency
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.amount, 1)
        layout.addWidget(self.currency)

    def value(self) -> tuple[Decimal | None, str]:
        """The amount (``Decimal``; text that is not a number is passed on so the journal
        reports it) and the currency, defaulted when an amount is given without one."""
        text = self.amount.text().strip().replace(",", ".")
        currency = self.currency.text().strip().upper()
        if not text:
            return None, currency
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = Decimal("NaN")
        return amount, currency or self._default

    def set_value(self, amount: Decimal | None, currency: str) -> None:
        self.amount.setText("" if amount is None else f"{amount}")
        self.currency.setText(currency)

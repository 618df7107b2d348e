"""An optional amount with its currency; blank means "no amount".

The amount is read the way the user's locale writes numbers (core/amount_text.py has the
rules); text that cannot be read for sure is refused with a sentence naming the field, and
the text stays in the field so the user corrects it instead of typing it again."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from colearn_desktop.core.amount_text import AmountProblem, parse_amount
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.ui.kit.format import amount_text

EXAMPLE = Decimal("2500.50")


class MoneyField(QWidget):
    def __init__(
        self,
        parent: QWidget | None = None,
        default_currency: str = "EUR",
        field: str = "amount",
        locale: QLocale | None = None,
    ):
        super().__init__(parent)
        self._locale = locale or QLocale()
        self._field = field
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText(
            self.tr("no amount, or e.g. %1").replace("%1", amount_text(EXAMPLE, self._locale))
        )
        self.amount.setToolTip(self._rule())
        self.currency = QLineEdit(self)
        self.currency.setMaxLength(3)
        self.currency.setPlaceholderText(default_currency)
        self.currency.setFixedWidth(self.fontMetrics().horizontalAdvance("MMMMM"))
        self._default = default_currency
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.amount, 1)
        layout.addWidget(self.currency)

    def _marks(self) -> tuple[str, str]:
        return self._locale.decimalPoint(), self._locale.groupSeparator()

    def _rule(self) -> str:
        decimal, group = self._marks()
        return (
            self.tr(
                "Type the amount as your region writes it, e.g. %1 or %2. "
                "“%3” marks the cents; “%4”, a space or an apostrophe may group thousands. "
                "A lone “.” or “,” that could mean either is refused rather than guessed."
            )
            .replace("%1", amount_text(EXAMPLE, self._locale))
            .replace("%2", "2500")
            .replace("%3", decimal)
            .replace("%4", group if group.strip() else self.tr("a space"))
        )

    def value(self) -> tuple[Decimal | None, str]:
        """The amount and the currency, defaulted when an amount is given without one.

        Raises ValidationError for ``field`` when the text is not an amount for sure."""
        currency = self.currency.text().strip().upper()
        amount = parse_amount(self.amount.text(), *self._marks())
        if amount is None:
            return None, currency
        if isinstance(amount, AmountProblem):
            raise ValidationError.single(self._field, self._problem(amount))
        return amount, currency or self._default

    def _problem(self, problem: AmountProblem) -> str:
        typed = self.amount.text().strip()
        decimal = self._locale.decimalPoint()
        example = amount_text(EXAMPLE, self._locale)
        message = {
            AmountProblem.AMBIGUOUS: self.tr(
                "The amount “%1” could be read two ways, so it was not saved. "
                "Write it in full with “%2” before the cents, e.g. %3, or without separators."
            ),
            AmountProblem.BAD_GROUPING: self.tr(
                "The amount “%1” has its digits grouped oddly, so it was not saved. "
                "Group thousands by three, e.g. %3, or leave the separators out."
            ),
            AmountProblem.TOO_MANY_DECIMALS: self.tr(
                "The amount “%1” has more than two decimals, so it was not saved. "
                "Round it to cents, e.g. %3."
            ),
            AmountProblem.NOT_A_NUMBER: self.tr(
                "The amount “%1” is not a number, so it was not saved. "
                "Type only digits and separators, e.g. %3, and the currency beside it."
            ),
        }[problem]
        return message.replace("%2", decimal).replace("%3", example).replace("%1", typed)

    def set_value(self, amount: Decimal | None, currency: str) -> None:
        self.amount.setText("" if amount is None else amount_text(amount, self._locale))
        self.currency.setText(currency)

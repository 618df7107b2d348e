"""Form dialogs and their fields: dates, money, labelled lists, and how a refusal names the
field at fault."""

"""The merge dialog (side by side, field by field) and the "Merge with…" contact picker."""

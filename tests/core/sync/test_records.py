"""The batches as JSON: read back exactly, and bad data refused with a sentence naming it."""

from __future__ import annotations

import pytest

from colearn_desktop.core.sync.records import (
    ChangeBatch,
    RowChange,
    batch_from_json,
    batch_to_json,
)

STAMP = "1796370054468.000001.laptop"


def test_a_batch_reads_back_as_it_was_written():
    batch = ChangeBatch(
        "laptop",
        3,
        "0015",
        (
            RowChange("contact", "u1", "upsert", {"name": "Ana", "~": 1}, STAMP),
            RowChange("favour", "u2", "delete", {}, STAMP),
        ),
    )
    assert batch_from_json(batch_to_json(batch)) == batch


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ([], "it is not a JSON object"),
        ({"device": "laptop", "seq": "3", "schema": "0015", "changes": []}, "no valid “seq”"),
        ({"device": "laptop", "seq": -1, "schema": "0015", "changes": []}, "sequence -1"),
        (
            {"device": "laptop", "seq": 3, "schema": "0015", "changes": [{"op": "merge"}]},
            "change 1 of batch 3 from device laptop has the unknown operation “merge”",
        ),
        (
            {
                "device": "laptop",
                "seq": 3,
                "schema": "0015",
                "changes": [{"op": "upsert", "table": "contact", "uid": "u", "hlc": STAMP}],
            },
            "change 1 of batch 3 from device laptop has no valid “fields”",
        ),
    ],
)
def test_bad_data_is_refused_with_a_sentence_that_names_it(data, said):
    with pytest.raises(ValueError, match="The change batch") as refused:
        batch_from_json(data)
    assert said in str(refused.value)

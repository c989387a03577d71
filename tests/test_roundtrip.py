"""JSON round trips: load(dump(x)) == x for every model type (hypothesis)."""

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import yifeng.model
from yifeng.io import dumps, from_dict, loads, to_dict

from .strategies import BY_TYPE

MODEL_CLASSES = [
    getattr(yifeng.model, n)
    for n in yifeng.model.__all__
    if isinstance(getattr(yifeng.model, n), type) and attrs.has(getattr(yifeng.model, n))
]


def test_every_model_class_has_a_strategy():
    assert set(MODEL_CLASSES) == set(BY_TYPE)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_json_round_trip_is_exact(cls, data):
    obj = data.draw(BY_TYPE[cls])
    text = dumps(obj)
    back = loads(text, cls)
    assert back == obj
    # Provenance (source) and diagnostics take no part in ==; the JSON keeps them exactly.
    assert to_dict(back) == to_dict(obj)
    assert from_dict(to_dict(obj), cls) == obj


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_model_objects_are_frozen(cls, data):
    obj = data.draw(BY_TYPE[cls])
    field = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, field, getattr(obj, field))


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_pickle_round_trip_is_exact_and_compact(cls, data):
    """What a process pool sends back: equal objects, every field (provenance too), still frozen."""
    import pickle

    obj = data.draw(BY_TYPE[cls])
    text = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    back = pickle.loads(text)
    assert type(back) is cls
    assert back == obj
    assert to_dict(back) == to_dict(obj)
    assert all(getattr(back, f.name) == getattr(obj, f.name) for f in attrs.fields(cls))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(back, attrs.fields(cls)[0].name, None)
    # Pickled as its values in field order, not as a dict of them.
    _, arguments = obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
    assert arguments == (cls, *(getattr(obj, f.name) for f in attrs.fields(cls)))


@attrs.frozen(slots=False)
class _Unslotted:
    """A frozen attrs class keeping its fields in a __dict__ (the model's are slotted)."""

    a: int
    b: str = ""


def test_pickle_as_values_also_rebuilds_a_class_without_slots():
    import pickle

    from yifeng.model._check import pickle_as_values

    pickle_as_values(_Unslotted)
    back = pickle.loads(pickle.dumps(_Unslotted(1, "乙")))
    assert back == _Unslotted(1, "乙") and vars(back) == {"a": 1, "b": "乙"}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        back.a = 2

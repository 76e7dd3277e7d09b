"""content.canonical against pypdf itself: the same bytes, or a refusal.

The reference is what pypdf's ``merge_transformed_page`` does to a page's
content stream: parse it, write it, parse it again, rename clashing name
operands, and write it once more.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf.generic import ContentStream, DecodedStreamObject, NameObject

from pliego.pamphlet.pdf.content import canonical, serialise


def pypdf_written(data: bytes, rename: dict[str, str] | None = None) -> bytes:
    """The stream as pypdf's merge leaves it (without the wrapping it adds)."""
    raw = DecodedStreamObject()
    raw.set_data(data)
    first = ContentStream(raw, None)
    assert first.operations is not None  # parse once
    second = ContentStream(first, None)  # write, parse again
    for operands, _operator in second.operations:
        if isinstance(operands, list):
            for i, op in enumerate(operands):
                if isinstance(op, NameObject) and rename:
                    operands[i] = NameObject(rename.get(op, op))
    second.operations = second.operations  # the operations are what it writes
    return second.get_data()


def ours(data: bytes, rename: dict[str, str] | None = None) -> bytes | None:
    content = canonical(data)
    if content is None:
        return None
    written = {old: serialise(NameObject(new)) for old, new in (rename or {}).items()}
    return content.render(written)


WEASYPRINT = (
    b"1 0 0 -1 0 595.275591 cm\nq\n0.75 0 0 0.75 0 0 cm\nq\n/Span << /MCID 0 >> BDC\n"
    b"/a1.0 gs\n0.101961 0.101961 0.101961 rg\nBT\n1 0 0 -1 52.913386 78.764045 Tm\n"
    b"/PALLGF 13.333008 Tf\n[ <0033> 0 <0028> 0 () -91.35223027905954 <0003> -87 ] TJ\n"
    b"ET\nEMC\n/lab-d65 cs 1 0 0 scn 10 20 30 40 re f\nQ\nQ\n"
)


def test_a_weasyprint_page_is_written_as_pypdf_writes_it() -> None:
    expected = pypdf_written(WEASYPRINT)
    assert ours(WEASYPRINT) == expected
    # the hex glyph strings really are rewritten, so the test is not vacuous
    assert b"<0033>" not in expected and b"-91.3522303" in expected


def test_renamed_operands_follow_pypdf_and_names_in_arrays_and_dicts_stay() -> None:
    data = b"/F1 12 Tf /G0 gs [ /F1 ] 0 d /Span << /F1 1 >> BDC (x) Tj EMC /F1 9 Tf"
    rename = {"/F1": "/F1-0", "/G0": "/G0-0"}
    expected = pypdf_written(data, rename)
    assert ours(data, rename) == expected
    assert expected.count(b"/F1-0") == 2 and b"[ /F1 ]" in expected


TRICKY = [
    b"-.5 +3 1.50 0.000001 100 0 1.0 -0 w",  # numbers pypdf rewrites
    b"1e5",  # a number followed by an operator
    b"(a\\(b\\)c) Tj (\\101\\102) Tj (line\\\ncont) Tj (\\777) Tj (tab\there\\t) Tj",
    b"<48 65 6c> Tj <486> Tj <> Tj <FFFE0041> Tj (\xfe\xff\x00A) Tj (caf\xe9) Tj",
    b"/A#20B Do /\xc3\xa9 Do /a.b-c_d Do",
    b"true false null",  # at the top level pypdf reads these as operators
    b"1 2 3 m\x001 2 l\x0c1 2 l",  # NUL and form feed are whitespace
    b"1 2 3",  # operands without an operator are dropped
    b"[(a) -10 (b) 1.5 /N <41>]TJ [] 0 d",
    b"/P << /MCID 3 /ActualText (x) /Alt <4142> >> BDC EMC",
    b"T* (x) ' 1 2 (y) \" d0 d1",
    b"",
]


def test_tricky_tokens_match_pypdf() -> None:
    for data in TRICKY:
        assert ours(data) == pypdf_written(data), data


DECLINED = [
    b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",  # inline image
    b"% a comment\nq Q",
    b"(a(b)c) Tj",  # nested parentheses
    b"[ [1 2] 0 ] d",  # nested array
    b"/P << /A << /B 1 >> >> BDC",  # nested dictionary
    b"q\x0bQ",  # \v is not whitespace to pypdf at the top level
    b"{ }",
    b"1 2 averyveryverylongoperator",
    b"/F1 12 Tf ) Tj",
    b"<zz> Tj",  # not hex: pypdf raises, so we leave it to pypdf
]


def test_what_it_does_not_reproduce_it_declines() -> None:
    for data in DECLINED:
        assert canonical(data) is None, data


OPERAND = st.one_of(
    st.integers(-1000, 1000).map(lambda n: str(n).encode()),
    st.floats(-1e4, 1e4).map(lambda x: f"{x:.7f}".encode()),  # pypdf reads no exponents
    st.sampled_from([b".5", b"-.25", b"+1", b"1.", b"007", b"-0.0"]),
    st.from_regex(rb"\A/[A-Za-z0-9._-]{0,6}\Z"),
    st.binary(max_size=6).map(lambda b: b"<" + b.hex().encode() + b">"),
    st.binary(max_size=6).map(
        lambda b: (
            b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
        )
    ),
)
ARRAY = st.lists(OPERAND, max_size=5).map(lambda xs: b"[" + b" ".join(xs) + b"]")
OPERATION = st.tuples(
    st.lists(st.one_of(OPERAND, ARRAY), max_size=4),
    st.sampled_from([b"Tj", b"TJ", b"cm", b"re", b"q", b"Q", b"Tf", b"BDC", b"gs", b"'"]),
)
SPACE = st.sampled_from([b" ", b"\n", b"\r\n", b"\t", b"  "])


@settings(max_examples=200, deadline=None)
@given(st.lists(OPERATION, max_size=8), SPACE)
def test_random_streams_match_pypdf(
    operations: list[tuple[list[bytes], bytes]], space: bytes
) -> None:
    # every token drawn here is one canonical() reproduces, so none may be declined
    data = space.join(space.join([*operands, operator]) for operands, operator in operations)
    assert ours(data, {"/F1": "/F1-0"}) == pypdf_written(data, {"/F1": "/F1-0"})

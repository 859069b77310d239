"""The tus 1.0.0 endpoints as any tus client meets them: plain httpx against a real HQ."""
from __future__ import annotations

import hashlib

import httpx
import pytest

from sync import checksums
from sync.protocol import API, TUS_VERSION
from tests.sync.footage_helpers import (
    TUS, Tus, hq_files, hq_store_path, hq_uploads, noise, part_files, sha256_of,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def tus(hq, enrolled):
    session = Tus(hq, enrolled())
    yield session
    session.close()


def test_options_tells_what_hq_speaks(hq):
    response = httpx.options(f"{hq.url}{API}/files/")
    assert response.status_code == 204
    assert response.headers["Tus-Version"] == TUS_VERSION
    assert response.headers["Tus-Resumable"] == TUS_VERSION
    assert set(response.headers["Tus-Extension"].split(",")) >= {
        "creation", "termination", "checksum"}
    assert "sha256" in response.headers["Tus-Checksum-Algorithm"].split(",")
    assert int(response.headers["Tus-Max-Size"]) >= 1 << 40


def test_an_upload_in_chunks_is_taken_only_once_hq_hashed_it(hq, tus):
    data = noise(700_000, "chunks")
    created = tus.create(data)
    assert created.status_code == 201, created.text
    location = created.headers["Location"]
    assert location.startswith(f"{API}/files/")
    assert created.headers["Tus-Resumable"] == TUS_VERSION

    head = tus.head(location)
    assert head.status_code == 200
    assert (head.headers["Upload-Offset"], head.headers["Upload-Length"]) == ("0", "700000")
    assert head.headers["Cache-Control"] == "no-store"
    assert head.headers["Tus-Resumable"] == TUS_VERSION

    first = tus.patch(location, 0, data[:300_000])
    assert first.status_code == 204, first.text
    assert first.headers["Upload-Offset"] == "300000"
    assert first.headers["Tus-Resumable"] == TUS_VERSION
    assert tus.head(location).headers["Upload-Offset"] == "300000"
    assert hq_files(hq) == {}  # not HQ's until the last byte is in and hashed
    last = tus.patch(location, 300_000, data[300_000:])
    assert last.status_code == 204, last.text
    assert last.headers["Upload-Offset"] == "700000"

    sha = hashlib.sha256(data).hexdigest()
    assert hq_files(hq) == {sha: 700_000}
    assert hq_store_path(hq, sha).read_bytes() == data
    assert part_files(hq) == [] and hq_uploads(hq) == []
    confirmation = tus.http.get(f"{API}/files/{sha}")
    assert confirmation.status_code == 200
    assert confirmation.json()["sha256"] == sha and confirmation.json()["size"] == 700_000
    assert tus.head(location).status_code == 404  # the upload is over
    assert tus.http.post(f"{API}/files/check", json={"sha256": [sha, "0" * 64]}).json() \
        == {"held": [sha]}

    # Offering the same file again gets HQ's confirmation, not a new upload.
    again = tus.create(data)
    assert again.status_code == 200 and again.json()["sha256"] == sha
    assert "Location" not in again.headers


def test_content_that_does_not_match_its_hash_is_refused(hq, tus):
    data = noise(400_000, "declared")
    created = tus.create(sha256=hashlib.sha256(data).hexdigest(), length=len(data))
    location = created.headers["Location"]
    assert tus.patch(location, 0, data[:200_000]).status_code == 204
    other = bytearray(data[200_000:])
    other[1234] ^= 0xFF  # every chunk is intact on the wire, the file is not what it claims
    refused = tus.patch(location, 200_000, bytes(other))
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "hash_mismatch"
    assert "SHA-256" in error["message"] and "does not match" in error["message_en"]
    assert refused.headers["Tus-Resumable"] == TUS_VERSION
    # Discarded: no record, nothing in HQ's store, no part file, no upload to resume.
    assert hq_files(hq) == {}
    assert not hq_store_path(hq, hashlib.sha256(data).hexdigest()).exists()
    assert not hq_store_path(hq, hashlib.sha256(bytes(data[:200_000]) + bytes(other))
                             .hexdigest()).exists()
    assert part_files(hq) == [] and hq_uploads(hq) == []
    assert tus.head(location).status_code == 404


def test_a_chunk_failing_its_checksum_is_dropped(hq, tus):
    data = noise(300_000, "checksum")
    location = tus.create(data).headers["Location"]
    assert tus.patch(location, 0, data[:100_000]).status_code == 204
    wrong = tus.patch(location, 100_000, data[100_000:200_000],
                      checksum=hashlib.sha256(b"something else").digest())
    assert wrong.status_code == 460
    assert wrong.json()["error"]["code"] == "checksum_mismatch"
    assert wrong.headers["Tus-Resumable"] == TUS_VERSION
    assert tus.head(location).headers["Upload-Offset"] == "100000"
    [part] = part_files(hq)
    assert part.stat().st_size == 100_000  # the chunk's bytes were cut off again
    # Sent again, correctly, the upload goes on.
    assert tus.patch(location, 100_000, data[100_000:]).status_code == 204
    assert hq_files(hq) == {hashlib.sha256(data).hexdigest(): 300_000}


@pytest.mark.parametrize("algorithm", ["crc32", "sha1", "md5"])
def test_every_advertised_checksum_is_checked(hq, tus, algorithm):
    """Workstations send CRC-32; other tus clients may send any algorithm HQ lists."""
    assert algorithm in httpx.options(f"{hq.url}{API}/files/").headers[
        "Tus-Checksum-Algorithm"].split(",")
    data = noise(200_000, algorithm)
    location = tus.create(data).headers["Location"]
    assert tus.patch(location, 0, data[:100_000], algorithm=algorithm).status_code == 204
    damaged = data[100_000:150_000] + bytes([data[150_000] ^ 0x01]) + data[150_001:]
    wrong = tus.patch(location, 100_000, damaged, algorithm=algorithm,
                      checksum=checksums.digest_of(algorithm, data[100_000:]))
    assert wrong.status_code == 460
    assert algorithm in wrong.json()["error"]["message_en"]
    assert tus.head(location).headers["Upload-Offset"] == "100000"
    assert tus.patch(location, 100_000, data[100_000:], algorithm=algorithm).status_code == 204
    assert hq_files(hq) == {hashlib.sha256(data).hexdigest(): 200_000}


def test_a_crc32_checksum_is_four_bytes_most_significant_first():
    # The CRC-32 check value of "123456789", as zlib and tusd give it.
    assert checksums.digest_of("crc32", b"123456789") == bytes.fromhex("cbf43926")
    running = checksums.new("crc32")
    for piece in (b"1234", memoryview(bytearray(b"56789"))):  # writable, as chunks are
        running.update(piece)
    assert running.digest() == bytes.fromhex("cbf43926")
    with pytest.raises(ValueError, match="sha3"):
        checksums.new("sha3_256")


def test_a_workstation_sends_the_best_checksum_hq_takes(hq):
    offered = httpx.options(f"{hq.url}{API}/files/").headers["Tus-Checksum-Algorithm"]
    assert checksums.choose(offered.split(",")) == "crc32"
    assert checksums.choose(["SHA256 ", "md5"]) == "sha256"  # an HQ without crc32
    assert checksums.choose(["blake3", "md5"]) == "sha1"  # what every tus server takes


def test_wrong_offsets_versions_and_types_are_refused(hq, tus):
    data = noise(200_000, "refusals")
    location = tus.create(data).headers["Location"]
    assert tus.patch(location, 0, data[:50_000]).status_code == 204

    behind = tus.patch(location, 0, data[:50_000])
    assert behind.status_code == 409
    assert behind.json()["error"]["code"] == "offset_mismatch"
    ahead = tus.patch(location, 60_000, data[60_000:70_000])
    assert ahead.status_code == 409

    old = tus.http.patch(location, content=b"x", headers={
        "Tus-Resumable": "0.2.2", "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": "50000", "Upload-Checksum": "sha256 " + "A" * 43 + "="})
    assert old.status_code == 412
    assert old.headers["Tus-Version"] == TUS_VERSION
    assert tus.http.head(location).status_code == 412  # no Tus-Resumable at all

    typed = tus.patch(location, 50_000, data[50_000:60_000], **{"Content-Type": "text/plain"})
    assert typed.status_code == 415
    unchecked = tus.http.patch(location, content=data[50_000:60_000], headers={
        **TUS, "Content-Type": "application/offset+octet-stream", "Upload-Offset": "50000"})
    assert unchecked.status_code == 400
    assert "Upload-Checksum" in unchecked.json()["error"]["message_en"]
    odd = tus.patch(location, 50_000, data[50_000:60_000],
                    **{"Upload-Checksum": "crc99 AAAA"})
    assert odd.status_code == 400
    assert "crc99" in odd.json()["error"]["message_en"]
    short = tus.patch(location, 50_000, data[50_000:60_000],
                      **{"Upload-Checksum": "crc32 AAAA"})  # three bytes, not four
    assert short.status_code == 400
    assert "Upload-Checksum" in short.json()["error"]["message_en"]
    too_long = tus.patch(location, 50_000, data[50_000:] + b"extra")
    assert too_long.status_code == 413
    assert tus.head(location).headers["Upload-Offset"] == "50000"
    assert part_files(hq)[0].stat().st_size == 50_000

    # Creation: a hash and a length are required, and must be what they say.
    assert tus.create(sha256="not-a-hash", length=10).status_code == 400
    no_length = tus.http.post(f"{API}/files/", headers={**TUS, "Upload-Metadata": ""})
    assert no_length.status_code == 400
    assert "Upload-Length" in no_length.json()["error"]["message_en"]
    bad_meta = tus.http.post(f"{API}/files/", headers={
        **TUS, "Upload-Length": "10", "Upload-Metadata": "sha256 !!!"})
    assert bad_meta.status_code == 400
    assert tus.create(data, kind="spaceship").status_code == 400


def test_uploads_belong_to_the_workstation_that_made_them(hq, enrolled):
    mine, theirs = Tus(hq, enrolled("mine")), Tus(hq, enrolled("theirs"))  # same unit
    try:
        data = noise(100_000, "mine")
        location = mine.create(data).headers["Location"]
        assert mine.patch(location, 0, data[:10_000]).status_code == 204
        assert theirs.head(location).status_code == 404
        refused = theirs.patch(location, 10_000, data[10_000:])
        assert refused.status_code == 404
        assert refused.json()["error"]["code"] == "upload_not_found"
        assert theirs.delete(location).status_code == 404
        assert mine.head(location).headers["Upload-Offset"] == "10000"
        # Without a token nothing is answered at all.
        anonymous = httpx.head(f"{hq.url}{location}", headers=TUS)
        assert anonymous.status_code == 401
        assert anonymous.headers["Tus-Resumable"] == TUS_VERSION
    finally:
        mine.close()
        theirs.close()


def test_termination_removes_the_upload_and_its_part_file(hq, tus):
    data = noise(100_000, "terminate")
    location = tus.create(data).headers["Location"]
    assert tus.patch(location, 0, data[:40_000]).status_code == 204
    assert len(part_files(hq)) == 1
    ended = tus.delete(location)
    assert ended.status_code == 204
    assert ended.headers["Tus-Resumable"] == TUS_VERSION
    assert part_files(hq) == [] and hq_uploads(hq) == []
    assert tus.head(location).status_code == 404
    assert tus.patch(location, 40_000, data[40_000:]).status_code == 404


def test_offering_an_unfinished_file_again_resumes_its_upload(hq, tus):
    data = noise(100_000, "again")
    first = tus.create(data).headers["Location"]
    assert tus.patch(first, 0, data[:30_000]).status_code == 204
    again = tus.create(data)
    assert again.status_code == 201
    assert again.headers["Location"] == first
    assert again.headers["Upload-Offset"] == "30000"
    assert len(hq_uploads(hq)) == 1


def test_an_empty_file_is_taken_at_once(hq, tus):
    created = tus.create(b"")
    assert created.status_code == 200
    sha = hashlib.sha256(b"").hexdigest()
    assert created.json()["size"] == 0
    assert sha256_of(hq_store_path(hq, sha)) == sha
    refused = tus.create(sha256="ab" * 32, length=0)
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "hash_mismatch"


def test_the_confirmation_of_a_file_hq_does_not_hold_is_404(hq, tus):
    missing = tus.http.get(f"{API}/files/{'ab' * 32}")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "file_not_held"
    assert tus.http.post(f"{API}/files/check", json={"sha256": ["nothex"]}).status_code == 400


def test_many_uploads_at_once_and_hq_answers_meanwhile(hq, enrolled):
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor
    sessions = [Tus(hq, enrolled("one")), Tus(hq, enrolled("two", unit="二科"))]
    files = [noise(2_000_000 + i, f"many-{i}") for i in range(8)]

    def send(index: int) -> int:
        tus, data = sessions[index % 2], files[index]
        location = tus.create(data).headers["Location"]
        for start in range(0, len(data), 128 << 10):
            answer = tus.patch(location, start, data[start:start + (128 << 10)])
            assert answer.status_code == 204, answer.text
        return index

    slowest, done = 0.0, threading.Event()

    def poll() -> None:
        nonlocal slowest
        while not done.is_set():
            started = time.monotonic()
            assert httpx.get(f"{hq.url}{API}/hello", timeout=10).status_code == 200
            slowest = max(slowest, time.monotonic() - started)

    watcher = threading.Thread(target=poll)
    watcher.start()
    try:
        with ThreadPoolExecutor(8) as pool:
            assert sorted(pool.map(send, range(8))) == list(range(8))
    finally:
        done.set()
        watcher.join()
        for tus in sessions:
            tus.close()
    assert hq_files(hq) == {hashlib.sha256(d).hexdigest(): len(d) for d in files}
    assert part_files(hq) == [] and hq_uploads(hq) == []
    # Writing and hashing happen in worker threads: the event loop keeps answering.
    assert slowest < 2.0

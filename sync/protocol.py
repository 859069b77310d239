"""The wire protocol between a workstation and HQ: the one definition both sides import.

All bodies are JSON (UTF-8) except tus chunks. Every path is under ``API``. Errors come back
as ``{"error": {"code": str, "message": str, "message_en": str}}`` with a 4xx/5xx status.

Limits at the edge (hq.limits, hq.http_protocol; HQ settings with their defaults, read when
`lawdesk hq serve` starts; every refusal in the JSON body above)
    Body per request, refused 413 "request_too_large" from Content-Length or, sent without
    one, the moment the bytes pass the limit; the rest is never read, the connection closes:
      POST {API}/ledger/push: hq.max_push_mib (32 MiB); POST {API}/files/check: room for
      FILES_CHECK_MAX hashes (74 KiB); tus PATCH: streamed, bounded by Upload-Length;
      every other request (enrollment, tokens, ...): hq.max_body_kib (8 KiB).
      A body not in within hq.body_timeout_seconds (60 s) plus a second per 16 KiB of its
      limit: 408 "request_timeout".
    Per ledger push: at most LEDGER_BATCH_LIMIT entries; each entry's change at most
      hq.max_entry_kib (1024 KiB), else 413 "ledger_entry_too_large" naming the entry
      (nothing stored or flagged: raise the setting, the workstation's next pass sends it).
      seq of entries and checkpoints: 1 to 2**31 - 1; Upload-Length and Upload-Offset:
      ASCII digits, 0 to 2**63 - 1; text without NUL. Else 422 / 400.
    Request line and headers: at most 64 KiB (431 "headers_too_large"), complete within
      hq.header_timeout_seconds (10 s) of the connection or the request's first byte
      (408 "header_timeout"). An idle connection is closed after hq.keep_alive_seconds
      (15 s). Connections past hq.max_connections (1000) get 503 "too_many_connections".
    GET {API}/hello -> {"server_id", "protocol", "time"}: no software version. The API
      description (/docs, /openapi.json) is off unless hq.api_docs is "admin" (HTTP Basic
      with an HQ user allowed to administer HQ); it is HQ's own page, nothing from a CDN.

Enrollment (no token)
    POST {API}/enroll  {"code", "workstation_id", "public_key", "name"}
      -> 200 {"workstation_id", "unit": {"id", "name", "short_name"}, "server_id"}
      A used, expired or unknown code: 403 "enroll_code_refused", one and the same answer
      for all three. Every failed try is an entry in HQ's ledger (source address, time, a
      12-digit prefix of the code's SHA-256, never the code). Too many failures: 429
      "enroll_throttled" with Retry-After (seconds), nothing checked (hq.enroll_throttle):
      ADDRESS_FAILURES (5) per source address within ADDRESS_WINDOW_S (10 min), then a wait
      of BACKOFF_BASE_S (30 s) that doubles with every try made while waiting, up to
      BACKOFF_MAX_S (1 h); GLOBAL_FAILURES (30) from all addresses within GLOBAL_WINDOW_S
      (60 s) and everyone waits until the oldest ages out.

Tokens: a workstation proves it holds its enrolled Ed25519 key
    POST {API}/auth/token  {"workstation_id", "at", "nonce", "signature"}
      signature = Ed25519 over token_request_message(workstation_id, at, nonce)
      ``at`` is ISO UTC and must be within TOKEN_CLOCK_SKEW_S of HQ's clock, either way;
      ``nonce``: 8 to 64 of [0-9A-Za-z_-], fresh for every request. A nonce HQ accepted
      from the workstation is a replay while its ``at`` is inside the window (HQ keeps
      each until then: hq_auth_nonce), so a clock corrected backwards is not locked out.
      -> 200 {"token", "expires_at", "server_time"}  (server_time: HQ's clock, ISO UTC;
         the workstation keeps the offset, sync.clock, and warns above CLOCK_WARNING_S)
    Every later request carries ``Authorization: Bearer <token>``; HQ derives the
    workstation and its unit from the token, never from the request.

Records up
    POST {API}/ledger/push  {"entries": [entry...], "checkpoints": [checkpoint...]}
      entry: the ledger columns ENTRY_FIELDS + "hash"; checkpoint: {"seq", "head_hash",
      "at", "signature"}. Entries are consecutive and must continue the chain HQ holds;
      entries HQ already holds are compared (same hash: skipped, so a retried batch changes
      nothing; another hash: the chain is broken). The last new entry of a batch must carry
      a checkpoint in the same batch (a workstation signs the head after every transaction,
      so it cuts batches at checkpoints): HQ only ever holds signed entries.
      -> 200 {"accepted": n, "skipped": n, "ledger_seq": n, "signed_seq": n,
      "refused": [{"seq", "reason", "reason_en"}]}   (refused: kept, never applied, and
      listed at HQ, `lawdesk hq refused` (hq.records): a write to data HQ owns after the
      workstation's link entry, or without one yet, made after HQ enrolled it; one labelled
      REFERENCE_ACTION that is not what HQ sent its unit; a record naming another of HQ's
      units; a kind of record no workstation owns. HQ-owned writes made before enrolling
      are the workstation's set-up: kept as "local", not reported)
      A broken chain or a bad signature: 409 with code "chain_broken" naming the entry;
      the workstation is flagged at HQ and every later push gets the same 409 until an HQ
      admin clears the flag. A batch that starts past HQ's ledger_seq + 1: 409 with code
      "ledger_gap" (nothing flagged): read GET ledger/state and resend from there.
      At most LEDGER_BATCH_LIMIT entries per request.
    GET {API}/ledger/state -> {"ledger_seq", "ledger_hash", "signed_seq", "chain_problem"}
      (chain_problem: null, or why HQ flagged this workstation)
    GET {API}/ledger/countersignatures?after=SEQ -> {"server", "public_key",
      "countersignatures": [{"seq", "head_hash", "at", "signature"}], "more"}: the
      caller's checkpoints HQ holds above SEQ, oldest first, at most COUNTERSIGN_BATCH
      (hq.countersign), each signed with HQ's own Ed25519 key (its data folder's ledger key;
      "server" is HQ's server id, "public_key" the key in hex) over
      audit.chain.countersignature_message: {"kind": "lawdesk-hq-countersignature",
      "server", "workstation", "seq", "head_hash", "at"}. "more": ask again after the last.
      The workstation keeps them (sync.countersignatures) for its evidence packages.

Reference data down
    GET {API}/reference?digest=D -> {"digest", "unchanged": true} when D is current, else
      {"digest", "unchanged": false, "tables": {table: [row...]}} with tables in
      REFERENCE_TABLES order, rows as canonical JSON values of every column
      (core.canonical.to_jsonable), ordered by primary key. The caller's unit only: its
      unit row, its officers and their certificates, every device type, the ratio standards
      that are global (unit_id null) or its unit's, every case type, every imported
      working-day calendar year (workday_calendar_year), every disclosure rule
      (disclosure_rule), every version of the discretion benchmarks (benchmark_*), every
      version of the major-decision catalogue's rules (review_rule), every version of
      every public list (public_list_version, public_list_row), every version of the
      audio-video item list (recording_item_version, recording_item). ``digest`` is the
      SHA-256 of the canonical JSON of ``tables``.

Disclosure feed (results published by every workstation, kept by HQ: hq.disclosure_feed)
    The records arrive in the ledger (disclosure_record); HQ renders them as the workstation
    does (disclosure.feed), so an entry's SHA-256 is the same on both sides.
    GET {API}/disclosure/feed[?since=YYYY-MM-DD] -> the bureau-wide feed in the shape of
      docs/disclosure-feed.schema.json, each entry naming its "unit"; "changes" counted
      since the day (without it: everything, as "added").
    GET {API}/disclosure/held -> {"entries": {"record:<id>"|"withdrawal:<id>": sha256}}:
      the caller's own entries in that feed (`lawdesk disclosure push` checks every entry
      it shows against it).

Footage up: tus 1.0.0 (core, creation, termination, checksum, expiration) under {API}/files/
    Every answer on these paths carries ``Tus-Resumable: 1.0.0``, refusals included (JSON
    error bodies as above); every request but OPTIONS must send it too, else 412 (with
    Tus-Version). All but OPTIONS need the bearer token. An upload belongs to the
    workstation that created it: any other gets 404 for its address, even one of its unit.
    OPTIONS {API}/files/ -> 204 Tus-Version, Tus-Extension, Tus-Checksum-Algorithm
      (crc32,sha256,sha1,md5), Tus-Max-Size (TUS_MAX_SIZE).
    What HQ "holds" is per unit: a file a workstation of the caller's unit sent (or was
    confirmed holding). A file only another unit sent is not held for the caller, on every
    path below: asking tells nothing about other units' files.
    POST {API}/files/check  {"sha256": [hex...]} (at most FILES_CHECK_MAX) -> {"held": [hex...]}
      and records that this workstation holds them too. A workstation asks this first and
      never offers HQ a file it holds.
    POST {API}/files/  Upload-Length: n; Upload-Metadata: tus pairs, values base64:
      "sha256" (hex, required), "kind" (FILE_KINDS, optional), "filename" (optional).
      -> 201 Location: {API}/files/{upload_id} (a path), Upload-Offset (0, or how far this
         workstation's unfinished upload of the same file got: it is resumed, not doubled),
         Upload-Expires.
      -> 200 {"sha256", "size", "received_at"}, no Location, when HQ holds the file already
         (a race with another workstation; an empty file is taken at once this way too).
         A file HQ holds from another unit only gets a 201 like a new one: its bytes are
         hashed as they arrive, the store keeps one copy, the caller becomes a holder.
      A missing or bad hash, length or metadata: 400 "upload_refused"; over Tus-Max-Size:
      413. Quota (hq.quota): the lengths declared by the open (unexpired) uploads of the
      caller's workstation, and of its unit, may not pass the HQ settings
      hq.upload_quota_workstation_gib (64) and hq.upload_quota_unit_gib (256): else 507
      "upload_quota" naming the limit (413 when this upload alone is over it). No room on
      HQ's disk for what every open upload still has to send plus this one: 507
      "hq_disk_full".
    HEAD {API}/files/{upload_id} -> 200 Upload-Offset, Upload-Length, Upload-Expires,
      Cache-Control: no-store; 404 "upload_not_found" when finished, ended, expired or not
      the caller's.
    PATCH {API}/files/{upload_id}  Content-Type: application/offset+octet-stream,
      Upload-Offset, Upload-Checksum: "<algorithm> <base64 digest>" of this chunk (required;
      workstations send crc32, the four bytes most significant first: sync.checksums)
      -> 204 Upload-Offset (the new offset), Upload-Expires. The offset counts only bytes HQ
         wrote and fsynced, so after HQ is killed HEAD answers where that chunk began.
      409 "offset_mismatch" when Upload-Offset is not HQ's offset (ask HEAD); 460
      "checksum_mismatch" when the chunk's digest differs: the chunk is dropped, send it
      again; a chunk cut short (the connection dropped) is dropped whole, so a resumed
      upload re-sends at most that one chunk. 413 past Upload-Length; 415 another
      Content-Type; 423 "upload_busy" while another request holds the upload.
      The PATCH that completes the upload returns 204 only after HQ hashed the whole file
      (as it arrived) and it matched: the file is then in HQ's store, read-only, and in
      HQ's ledger. A mismatch: 422 "hash_mismatch", the upload and its bytes are discarded.
    DELETE {API}/files/{upload_id} -> 204: the upload and its bytes are gone.
    GET {API}/files/{sha256} -> 200 {"sha256", "size", "received_at"} when HQ holds it
      (the workstation's confirmation, recorded as HqReceipt), 404 "file_not_held" otherwise.
    An upload untouched for UPLOAD_EXPIRY_S is discarded (Upload-Expires says when), its
      part file removed by HQ's background sweep (hq.sweep) within a second or so.
"""
from __future__ import annotations

from core.canonical import canonical_bytes
from sync import checksums

API = "/api/v1"
PROTOCOL_VERSION = 1

TOKEN_LIFETIME_S = 15 * 60
TOKEN_CLOCK_SKEW_S = 5 * 60

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = ("creation", "termination", "checksum", "expiration")
TUS_CHECKSUMS = checksums.ALGORITHMS
TUS_MAX_SIZE = 1 << 40                # 1 TiB: far above any recording
UPLOAD_EXPIRY_S = 7 * 24 * 3600       # an upload untouched this long is discarded
FILES_CHECK_MAX = 1000                # hashes per {API}/files/check request
# What a workstation says a file is (Upload-Metadata "kind"): a label HQ keeps, not a proof.
FILE_KINDS = ("footage", "thumbnail", "manifest", "document", "signature", "object")

# Ledger entries per push: a workstation sends about LEDGER_BATCH (more when one
# transaction is bigger: a batch ends at a checkpoint); HQ refuses more than the limit.
LEDGER_BATCH = 1_000
LEDGER_BATCH_LIMIT = 100_000

# Reference data HQ owns and sends down, in the order a workstation applies it (parents
# first). Every other audited table is owned by the workstation that writes it.
REFERENCE_TABLES = ("unit", "officer", "certificate", "device_type", "ratio_standard",
                    "case_type", "workday_calendar_year", "disclosure_rule",
                    "benchmark_version", "benchmark_circumstance", "benchmark_offence",
                    "benchmark_tier", "review_rule", "public_list_version",
                    "public_list_row", "recording_item_version", "recording_item")
HQ_OWNED_TABLES = frozenset(REFERENCE_TABLES)
# Ledger action under which a workstation writes what HQ sent down: HQ sees these entries
# as the workstation's mirror of its own data, not as writes.
REFERENCE_ACTION = "sync.reference"

def token_request_message(workstation_id: str, at: str, nonce: str) -> bytes:
    return canonical_bytes({"kind": "lawdesk-hq-token", "workstation": workstation_id,
                            "at": at, "nonce": nonce})

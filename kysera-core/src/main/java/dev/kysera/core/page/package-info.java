/**
 * Offset and keyset (cursor) pagination over jOOQ selects.
 *
 * <p>Entry point: {@link dev.kysera.core.page.Paginator}. Offset pages take a
 * {@link dev.kysera.core.page.PageRequest} and return a {@link dev.kysera.core.page.Page}; keyset
 * pages take a {@link dev.kysera.core.page.Sort} (of {@link dev.kysera.core.page.SortKey}s) and a
 * {@link dev.kysera.core.page.KeysetRequest} and return a {@link dev.kysera.core.page.CursorPage}
 * whose next and previous cursors page forward and backward. The names follow Jakarta Data
 * ({@code PageRequest}, {@code CursoredPage}) where the concepts match.
 *
 * <h2>Keyset semantics</h2>
 * <ul>
 *   <li>Each key has its own direction and NULL placement; mixed directions are supported. The
 *       seek predicate is the expanded OR-of-ANDs form with {@code IS NULL} branches, so NULL
 *       values in the data and in cursors page correctly on every database. A row-value
 *       comparison is used only when every key is declared NOT_NULL and all directions agree.</li>
 *   <li>ORDER BY always states NULL placement ({@code NULLS FIRST/LAST}; on MySQL/MariaDB jOOQ
 *       emulates it with a leading {@code nvl2(col, 0, 1)} term, which cannot use an index —
 *       declare never-NULL keys {@link dev.kysera.core.page.NullOrder#NOT_NULL} to avoid it).</li>
 *   <li>The last key must make the order total (a unique, non-null key such as the primary key).</li>
 *   <li>A previous cursor walks backwards: the query is run in reversed order (directions and NULL
 *       placements flipped) with the page size + 1, and the rows are reversed back, so every page
 *       reads in display order.</li>
 * </ul>
 *
 * <h2>Cursor format (version 1)</h2>
 * A cursor is URL-safe base64 without padding (only {@code A-Z a-z 0-9 - _}) of
 * {@code version(1) protection(1) body trailer}. The body holds a flags byte (backward, inclusive),
 * an 8-byte fingerprint of the sort (SHA-256 over every key's name, direction and NULL placement),
 * the key count and each key value as a type tag plus a fixed binary encoding (Long, Integer,
 * Short, Byte, String as UTF-8, BigDecimal as scale + unscaled bytes, BigInteger, Double, Float,
 * Boolean, UUID, LocalDate, LocalTime, LocalDateTime, OffsetDateTime with its offset, Instant, or
 * NULL), so values round-trip exactly, type and scale included. The trailer depends on the
 * {@link dev.kysera.core.page.CursorOptions protection}: a CRC-32 (none), an HMAC-SHA256 tag
 * (signed; key = HMAC-SHA256(secret, "kysera-cursor-mac-v1"), verified with
 * {@code MessageDigest.isEqual}), or, for encrypted cursors, the body is replaced by
 * {@code iv(12) || AES-256-GCM ciphertext || tag(16)} with key = HMAC-SHA256(secret,
 * "kysera-cursor-enc-v1") and the 2-byte header as associated data (GCM's tag authenticates, so
 * no separate signature is added). Decoding accepts only the canonical base64 spelling, checks the
 * length cap (4096 characters by default) first, then version, protection, trailer, fingerprint,
 * key count, value types and trailing bytes. Every failure is a
 * {@link dev.kysera.core.error.BadRequestException} with the message "invalid pagination cursor"
 * and no cause.
 *
 * <h2>Database notes (jOOQ 3.21.9, verified by the tests)</h2>
 * <ul>
 *   <li>PostgreSQL, H2, SQLite: native {@code NULLS FIRST/LAST}. MariaDB: emulated by jOOQ with a
 *       leading {@code nvl2(col, 0, 1)} / {@code nvl2(col, 1, 0)} term per nullable key.</li>
 *   <li>SQLite: timestamps are stored as text with every digit given but read back with
 *       millisecond precision, so a sub-millisecond LocalDateTime key cannot be an exact boundary
 *       (rows would repeat). Store at most milliseconds on SQLite, or sort by another key.</li>
 *   <li>A key must read back exactly what is stored (the cursor carries the value as read); types
 *       that a database converts lossily on read are unsuitable as keys there.</li>
 * </ul>
 */
package dev.kysera.core.page;

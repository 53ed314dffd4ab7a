/**
 * Schema maintenance for tests that commit: {@link dev.kysera.testing.schema.SchemaCleaner} empties
 * tables honouring foreign keys (identities restarted) and creates or drops schemas.
 */
package dev.kysera.testing.schema;

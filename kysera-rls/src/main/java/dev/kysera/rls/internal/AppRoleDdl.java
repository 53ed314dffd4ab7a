package dev.kysera.rls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The PostgreSQL statements that create the role native policies apply to, grant it what the
 * application needs, and take that away again. Every statement is idempotent: the role is created
 * only if absent (and refused if it exists as a superuser or with BYPASSRLS, which policies do not
 * restrict), grants are repeatable, and the removal does nothing once the role is gone. Not API.
 */
public final class AppRoleDdl {

    private static final DSLContext PG = DSL.using(SQLDialect.POSTGRES);
    private static final String ROLES = "pg_catalog.pg_roles";
    private static final String ALL = "select, insert, update, delete";

    private final String role;
    private final String roleLiteral;
    private final String schemaLiteral;
    private final String qualifier;
    private final Map<String, Set<String>> tables;
    private final boolean allTablesInSchema;

    /**
     * @param name              the role name, validated
     * @param schema            the tables' schema, or null for the connection's current schema
     * @param tables            each granted table (unqualified, validated) with its privileges
     * @param allTablesInSchema whether to grant on every table and sequence of the schema instead
     */
    public AppRoleDdl(String name, String schema, Map<String, Set<String>> tables, boolean allTablesInSchema) {
        this.role = quote(name);
        this.roleLiteral = PG.renderInlined(DSL.inline(name));
        this.schemaLiteral = schema == null ? "current_schema()" : PG.renderInlined(DSL.inline(schema));
        this.qualifier = schema == null ? "" : quote(schema) + ".";
        this.tables = tables;
        this.allTablesInSchema = allTablesInSchema;
    }

    private static String quote(String identifier) {
        return PG.render(DSL.name(identifier));
    }

    /**
     * The statements that create and grant, in order.
     *
     * @param login whether a created role may log in
     * @return the statements
     */
    public List<String> up(boolean login) {
        List<String> up = new ArrayList<>();
        up.add("do $$ begin"
                + " if exists (select from " + ROLES + " where rolname = " + roleLiteral + " and (rolsuper or rolbypassrls)) then"
                + " raise exception 'Role % is a superuser or bypasses row-level security: native policies would not apply to it', "
                + roleLiteral + " using errcode = '42501';"
                + " end if;"
                + " if not exists (select from " + ROLES + " where rolname = " + roleLiteral + ") then"
                + " create role " + role + (login ? " login" : " nologin") + " nosuperuser nobypassrls;"
                + " end if; end $$");
        // So that the migrating (owning) user may SET ROLE to it, as the plugin's nativeRole does.
        up.add("grant " + role + " to current_user");
        up.add(inSchema("grant usage on schema %I to " + role));
        if (allTablesInSchema) {
            up.add(inSchema("grant " + ALL + " on all tables in schema %I to " + role));
            up.add(inSchema("grant usage on all sequences in schema %I to " + role));
        } else {
            tables.forEach((table, privileges) -> up.add("grant " + String.join(", ", new TreeSet<>(privileges)) + " on table "
                    + qualifier + quote(table) + " to " + role));
            if (!tables.isEmpty()) {
                up.add(sequences("grant usage on sequence %s to " + role));
            }
        }
        return up;
    }

    /**
     * One statement that revokes what {@link #up} granted and drops the role, unless it still holds
     * privileges elsewhere (another schema or database); nothing once the role is gone.
     *
     * @return the statement
     */
    public String down() {
        StringBuilder body = new StringBuilder("do $$ declare seq regclass; begin")
                .append(" if not exists (select from " + ROLES + " where rolname = " + roleLiteral + ") then return; end if;");
        if (allTablesInSchema) {
            body.append(executeInSchema("revoke all on all tables in schema %I from " + role));
            body.append(executeInSchema("revoke all on all sequences in schema %I from " + role));
        } else {
            for (String table : tables.keySet()) {
                body.append(" revoke all on table ").append(qualifier).append(quote(table)).append(" from ").append(role).append(';');
            }
            if (!tables.isEmpty()) {
                body.append(sequenceLoop("revoke all on sequence %s from " + role));
            }
        }
        body.append(executeInSchema("revoke usage on schema %I from " + role));
        body.append(" if not exists (select from pg_catalog.pg_shdepend where refclassid = cast('pg_catalog.pg_authid' as regclass)")
                .append(" and refobjid = (select oid from " + ROLES + " where rolname = " + roleLiteral + ")) then")
                .append(" drop role ").append(role).append("; end if; end $$");
        return body.toString();
    }

    /** A statement naming the schema: a DO block when it is the connection's current one. */
    private String inSchema(String template) {
        return "do $$ begin" + executeInSchema(template) + " end $$";
    }

    private String executeInSchema(String template) {
        return " execute format(" + PG.renderInlined(DSL.inline(template)) + ", " + schemaLiteral + ");";
    }

    private String sequences(String template) {
        return "do $$ declare seq regclass; begin" + sequenceLoop(template) + " end $$";
    }

    /** Runs {@code template} for every sequence the granted tables' columns own (serial and identity columns). */
    private String sequenceLoop(String template) {
        String owners = tables.keySet().stream()
                .map(table -> "cast(" + PG.renderInlined(DSL.inline(qualifier + quote(table))) + " as regclass)")
                .collect(Collectors.joining(", "));
        return " for seq in select cast(d.objid as regclass) from pg_catalog.pg_depend d"
                + " join pg_catalog.pg_class c on c.oid = d.objid"
                + " where d.classid = cast('pg_catalog.pg_class' as regclass) and d.refclassid = cast('pg_catalog.pg_class' as regclass)"
                + " and d.deptype in ('a', 'i') and c.relkind = 'S' and d.refobjid in (" + owners + ")"
                + " loop execute format(" + PG.renderInlined(DSL.inline(template)) + ", seq); end loop;";
    }
}

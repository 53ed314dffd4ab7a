package dev.kysera.dal.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;

/**
 * Settings whose render mapping sends unqualified tables into a given schema; everything else of
 * the settings is kept. Applied through {@code Executor.withSettings}, so plugins, context and the
 * transaction's connection stay as they are.
 */
public final class SchemaMapping {

    /** The input name jOOQ gives objects of the default (unnamed) schema. */
    private static final String DEFAULT_SCHEMA = "";

    private SchemaMapping() {
    }

    /** Changes {@code settings} (a copy the executor made) to render unqualified tables into {@code schema}. */
    public static Settings apply(Settings settings, String schema) {
        RenderMapping existing = settings.getRenderMapping() == null ? new RenderMapping() : settings.getRenderMapping();
        List<MappedSchema> schemata = new ArrayList<>();
        for (MappedSchema mapped : existing.getSchemata()) {
            if (!DEFAULT_SCHEMA.equals(mapped.getInput())) {
                schemata.add(mapped);
            }
        }
        schemata.add(new MappedSchema().withInput(DEFAULT_SCHEMA).withOutput(schema));
        // A fresh mapping object: the source's settings may be shared, so they are never mutated.
        settings.setRenderMapping(new RenderMapping()
                .withDefaultCatalog(existing.getDefaultCatalog())
                .withDefaultSchema(existing.getDefaultSchema())
                .withCatalogs(existing.getCatalogs())
                .withSchemata(schemata));
        return settings;
    }
}

package dev.kysera.dal.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Derives a jOOQ context whose unqualified tables render into a given schema. The derived
 * configuration keeps everything else of the source (listeners, hence the executor's plugins; its
 * data, hence the executor's scope; its connection or transaction), only the settings change.
 */
public final class SchemaMapping {

    /** The input name jOOQ gives objects of the default (unnamed) schema. */
    private static final String DEFAULT_SCHEMA = "";

    private SchemaMapping() {
    }

    public static DSLContext apply(DSLContext source, String schema) {
        Configuration configuration = source.configuration();
        Settings settings = configuration.settings() == null ? new Settings() : (Settings) configuration.settings().clone();
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
        return DSL.using(configuration.derive(settings));
    }
}

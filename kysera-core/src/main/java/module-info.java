/** Kysera core: errors, classification, pagination, dialect facts and temporal storage shared by every module. */
module dev.kysera.core {
    requires transitive java.sql;
    requires transitive org.jooq;

    exports dev.kysera.core.dialect;
    exports dev.kysera.core.error;
    exports dev.kysera.core.filter;
    exports dev.kysera.core.log;
    exports dev.kysera.core.page;
    exports dev.kysera.core.temporal;
}

/** Soft delete: deletes become marker updates and reads skip marked rows, on every statement. */
module dev.kysera.softdelete {
    requires transitive dev.kysera.repository;

    exports dev.kysera.softdelete;
}

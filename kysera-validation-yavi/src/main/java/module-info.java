/** YAVI validators as a repository validation schema. */
module dev.kysera.validation.yavi {
    requires transitive dev.kysera.repository;
    requires transitive am.ik.yavi;

    exports dev.kysera.validation.yavi;
}

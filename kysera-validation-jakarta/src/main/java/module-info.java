/** Jakarta Bean Validation as a repository validation schema. */
module dev.kysera.validation.jakarta {
    requires transitive dev.kysera.repository;
    requires transitive jakarta.validation;

    exports dev.kysera.validation.jakarta;
}

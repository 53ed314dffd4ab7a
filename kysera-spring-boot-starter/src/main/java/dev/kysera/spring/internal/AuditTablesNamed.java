package dev.kysera.spring.internal;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code kysera.audit.tables} names at least one table (a map, so no single key to test). */
public final class AuditTablesNamed extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean named = Binder.get(context.getEnvironment())
                .bind("kysera.audit.tables", Bindable.mapOf(String.class, Object.class))
                .map(Map::isEmpty).map(empty -> !empty).orElse(false);
        return named ? ConditionOutcome.match("kysera.audit.tables names audited tables")
                : ConditionOutcome.noMatch("kysera.audit.tables names no table");
    }
}

package dev.kysera.spring;

import dev.kysera.debug.NPlusOneDetector;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.spring.internal.NPlusOneRequestScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Servlet web support: the RLS context per request, each request a unit of work of the N+1
 * detector and, on request, problem details for Kysera's errors.
 */
@AutoConfiguration(after = KyseraAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class KyseraWebAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public KyseraWebAutoConfiguration() {
    }

    /** Spring Security's filter chain is registered at this order (Boot's SecurityProperties.DEFAULT_FILTER_ORDER). */
    static final int SECURITY_FILTER_ORDER = -100;

    /** The RLS context of each request, after Spring Security has authenticated it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RlsPlugin.class, Authentication.class})
    @ConditionalOnProperty(prefix = "kysera.rls", name = "enabled", matchIfMissing = true)
    static class Rls {

        @Bean
        FilterRegistrationBean<KyseraRlsFilter> kyseraRlsFilter(KyseraProperties properties, ObjectProvider<TenantAccess> tenantAccess) {
            FilterRegistrationBean<KyseraRlsFilter> registration =
                    new FilterRegistrationBean<>(new KyseraRlsFilter(properties.rls(), tenantAccess.getIfUnique()));
            registration.setOrder(SECURITY_FILTER_ORDER + 10);
            return registration;
        }
    }

    /** Each request a unit of work of the N+1 detector, unless {@code kysera.debug.n-plus-one.request-scope=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(NPlusOneDetector.class)
    @ConditionalOnProperty(prefix = "kysera.debug.n-plus-one", name = "request-scope", matchIfMissing = true)
    static class NPlusOneScope {

        @Bean
        @ConditionalOnSingleCandidate(NPlusOneDetector.class)
        FilterRegistrationBean<NPlusOneRequestScope> kyseraNPlusOneRequestScope(NPlusOneDetector detector) {
            FilterRegistrationBean<NPlusOneRequestScope> registration = new FilterRegistrationBean<>(new NPlusOneRequestScope(detector));
            registration.setOrder(SECURITY_FILTER_ORDER + 20);
            return registration;
        }
    }

    /** Problem details for Kysera's errors, when {@code kysera.web.problem-details=true}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RestControllerAdvice.class)
    @ConditionalOnProperty(prefix = "kysera.web", name = "problem-details", havingValue = "true")
    static class ProblemDetails {

        @Bean
        KyseraProblemDetails kyseraProblemDetails() {
            return new KyseraProblemDetails();
        }
    }
}

package io.headroom.toolkit.spring;

import io.headroom.toolkit.db.MonitoredDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link DataSource} bean in a {@link MonitoredDataSource}, so each statement the
 * application runs (JdbcTemplate, JPA, jOOQ alike) is timed by the query monitor. The wrapper
 * unwraps to the pool ({@code unwrap(HikariDataSource.class)}), which keeps Spring Boot's pool
 * metrics and health working. The monitor is looked up lazily: a post-processor is created before
 * the beans it depends on.
 */
final class MonitoredDataSourcePostProcessor implements BeanPostProcessor {
    private final ObjectProvider<HeadroomMonitor> monitor;

    MonitoredDataSourcePostProcessor(ObjectProvider<HeadroomMonitor> monitor) {
        this.monitor = monitor;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && !(bean instanceof MonitoredDataSource)) {
            return new MonitoredDataSource(ds, monitor.getObject().queries());
        }
        return bean;
    }
}

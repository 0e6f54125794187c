package dev.bazaar.query.relational;

import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.stereotype.Component;

/** The components of the read model packages (projections, query handlers, versions), not the Axon wiring. */
class ReadModelComponents implements TypeFilter {

    private static final String READ_MODELS = "dev\\.bazaar\\.query\\.relational\\.(customer|ordering|freshness|generation)\\.[^.]+";

    private final TypeFilter component = new AnnotationTypeFilter(Component.class);

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws java.io.IOException {
        return reader.getClassMetadata().getClassName().matches(READ_MODELS) && component.match(reader, factory);
    }
}

package io.github.llmtest.internal.shard;

import io.github.llmtest.internal.SettingNames;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

import java.util.Optional;

/**
 * Keeps this shard's {@code @LlmTest} work in the test plan ({@code -Dllmtest.shard=2/4}): each test class's methods
 * run on the shard its name hashes to, while an {@code @LlmDataset} test stays on every shard, which runs its share
 * of the cases. Tests without the {@value SettingNames#LLM_TAG} tag are not llmtest's and run on every shard.
 * Registered through {@code META-INF/services}; without the setting it keeps everything. It reads the system
 * property or the environment variable only: a discovery filter is not handed JUnit's configuration parameters.
 */
public final class ShardFilter implements PostDiscoveryFilter {

    private final Optional<Shard> shard;
    /** A malformed setting: thrown when the plan is filtered, where JUnit reports it as it is. */
    private final IllegalArgumentException malformed;

    /** Created by the JUnit Platform through {@code ServiceLoader}. */
    public ShardFilter() {
        Optional<Shard> current;
        IllegalArgumentException problem = null;
        try {
            current = Shard.current();
        } catch (IllegalArgumentException e) {
            current = Optional.empty();
            problem = e;
        }
        this.shard = current;
        this.malformed = problem;
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (malformed != null) {
            throw malformed;
        }
        if (shard.isEmpty() || !(descriptor.getSource().orElse(null) instanceof MethodSource method)) {
            return FilterResult.included("not split");
        }
        if (!descriptor.getTags().contains(TestTag.create(SettingNames.LLM_TAG))) {
            return FilterResult.included("not an llmtest test: on every shard");
        }
        if (descriptor.getTags().contains(TestTag.create(SettingNames.DATASET_TAG))) {
            return FilterResult.included("a dataset: its cases are split across the shards");
        }
        Shard mine = shard.get();
        return mine.owns(method.getClassName()) ? FilterResult.included("on shard " + mine)
                : FilterResult.excluded("on another shard than " + mine);
    }
}

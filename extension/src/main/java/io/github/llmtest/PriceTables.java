package io.github.llmtest;

import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.cost.PriceFileException;
import io.github.llmtest.internal.cost.Prices;
import io.github.llmtest.internal.cost.RunBudget;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The run's price table and budget. The table: the file or class path resource {@link LlmTest#PRICES_PARAMETER} names, else
 * {@code llmtest-prices.json} on the class path, else none. Read once per run; a malformed table is a
 * configuration error, raised before the first call.
 */
final class PriceTables {

    /** The key of the run's price table in the run's store. */
    private enum Key { PRICES }

    private PriceTables() {
    }

    /** The run's price table, read once per run: the configuration of a run never changes. */
    static Prices of(ExtensionContext context) {
        return ExtensionStore.computeIfAbsent(ExtensionStore.root(context), Key.PRICES, () -> {
            Optional<String> configured = context.getConfigurationParameter(SettingNames.PRICES)
                    .map(String::strip).filter(s -> !s.isEmpty());
            return load(configured.orElse(SettingNames.DEFAULT_PRICES), configured.isPresent());
        }, Prices.class);
    }

    /** The run's budget for live calls, {@link LlmTest#BUDGET_USD_PARAMETER}; none when not set. */
    static RunBudget runBudget(ExtensionContext context) {
        return ExtensionStore.computeIfAbsent(ExtensionStore.root(context), RunBudget.class,
                () -> configuredBudget(context), RunBudget.class);
    }

    private static RunBudget configuredBudget(ExtensionContext context) {
        Optional<String> value = context.getConfigurationParameter(SettingNames.BUDGET_USD).map(String::strip)
                .filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return RunBudget.NONE;
        }
        try {
            return new RunBudget(Double.parseDouble(value.get()));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(SettingNames.BUDGET_USD + " must be a number of dollars of "
                    + "at least 0, such as 5 or 0.50, but was \"" + value.get() + "\"", e);
        }
    }

    static Prices load(String location, boolean configured) {
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return Prices.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in = loader == null ? null : loader.getResourceAsStream(location)) {
                if (in != null) {
                    return Prices.parse("classpath:" + location, new String(in.readAllBytes(),
                            StandardCharsets.UTF_8));
                }
            }
            if (configured) {
                throw new ExtensionConfigurationException(SettingNames.PRICES + " names the price file " + location
                        + ", but it is neither a file nor a class path resource. Give a path (relative to "
                        + Path.of("").toAbsolutePath() + ") or a resource on the test class path.");
            }
            return Prices.NONE;
        } catch (PriceFileException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("The price file " + location + " cannot be read: "
                    + e.getMessage(), new UncheckedIOException(e));
        }
    }
}

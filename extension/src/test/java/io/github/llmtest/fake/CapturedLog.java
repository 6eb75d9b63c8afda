package io.github.llmtest.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What llmtest logs (its logger, {@code io.github.llmtest}) while a test's action runs: the library's tests check
 * its warnings and progress lines this way, since the build's logging configuration keeps them off the console.
 */
public final class CapturedLog {

    private CapturedLog() {
    }

    /**
     * @param level  the least level logged and kept, such as {@link Level#WARNING}
     * @param action what to run
     * @return the records logged at {@code level} or above while it ran, in order
     */
    public static List<LogRecord> during(Level level, Runnable action) {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        during(level, records, () -> {
            action.run();
            return null;
        });
        return records;
    }

    /**
     * @param level  the least level logged and kept
     * @param into   receives the records logged at {@code level} or above while {@code action} ran
     * @param action what to run
     * @param <T>    what it returns
     * @return what it returned
     */
    public static <T> T during(Level level, List<LogRecord> into, Supplier<T> action) {
        Logger logger = Logger.getLogger("io.github.llmtest");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= level.intValue()) {
                    into.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(level);
        logger.addHandler(handler);
        try {
            return action.get();
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
    }
}

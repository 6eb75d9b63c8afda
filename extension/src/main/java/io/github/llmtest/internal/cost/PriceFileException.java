package io.github.llmtest.internal.cost;

import io.github.llmtest.internal.SettingNames;

/** A price file that is not a price table: names the file, the entry and what is wrong with it. */
public final class PriceFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param source the file
     * @param entry  the model entry, or null when the whole file is wrong
     * @param what   what is wrong, and how it should be
     */
    public PriceFileException(String source, String entry, String what) {
        super("The price file " + source + (entry == null ? "" : ", entry \"" + entry + "\",")
                + " cannot be read: " + what + ". Fix it, or point -D" + SettingNames.PRICES + " at another file.");
    }
}

package com.reportresumer.runbook;

import java.util.ArrayList;
import java.util.List;

/** A command line split as a POSIX shell splits words: single and double quotes, backslash escapes. */
final class ShellWords {

    private ShellWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                }
                else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                }
                else {
                    word.append(c);
                }
            }
            else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}

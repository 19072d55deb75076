//! A line-breaking layout engine for text printed without prettyplease
//! (`print_rust.rs`). Items are described as a sequence of words, breaks and boxes
//! (Oppen's model, which prettyplease also uses), and laid out with prettyplease's
//! rules: a box breaks when it and the text after it up to the next break do not fit
//! in what is left of the line; a consistent box then breaks at all its breaks, an
//! inconsistent one only where the text up to the next break does not fit. The margin
//! is 89 columns, and a line never gets less than 60 columns however deep its indent.

/// prettyplease's margin.
const MARGIN: isize = super::print::MARGIN as isize;
/// The least room a broken line gets, however deep it is indented.
const MIN_SPACE: isize = 60;
/// The width of a break that always breaks.
const INFINITY: isize = 0xffff;

#[derive(Clone, Copy)]
struct Break {
    blank: isize,
    offset: isize,
    /// Printed before the line break, only when the break breaks (a trailing comma).
    pre_break: Option<char>,
    /// Printed at the start of the new line, only when the break breaks.
    post_break: &'static str,
    never: bool,
    if_nonempty: bool,
}

impl Break {
    const PLAIN: Break = Break {
        blank: 0,
        offset: 0,
        pre_break: None,
        post_break: "",
        never: false,
        if_nonempty: false,
    };
}

enum Tok {
    Text(String),
    /// Text of this width that is never printed: forces the enclosing boxes to break.
    Infinite,
    Break(Break),
    Begin {
        offset: isize,
        consistent: bool,
    },
    End,
}

/// A sequence of layout tokens under construction.
#[derive(Default)]
pub(crate) struct Doc {
    toks: Vec<Tok>,
    /// Indices of the `Begin`s not yet ended.
    open: Vec<usize>,
}

impl Doc {
    /// Text that never breaks inside.
    pub(crate) fn word(&mut self, text: impl Into<String>) {
        self.toks.push(Tok::Text(text.into()));
    }

    fn begin(&mut self, offset: isize, consistent: bool) {
        self.open.push(self.toks.len());
        self.toks.push(Tok::Begin { offset, consistent });
    }

    /// A box whose breaks all break together.
    pub(crate) fn cbox(&mut self, offset: isize) {
        self.begin(offset, true);
    }

    /// A box whose breaks break one by one.
    pub(crate) fn ibox(&mut self, offset: isize) {
        self.begin(offset, false);
    }

    /// Ends the innermost box. A box holding nothing but one break disappears, and a
    /// break that only counts in a non-empty box is dropped when the box ends on it.
    pub(crate) fn end(&mut self) {
        let begin = self.open.pop();
        if let Some(Tok::Break(brk)) = self.toks.last() {
            if begin.is_some_and(|b| b + 2 == self.toks.len()) {
                self.toks.truncate(self.toks.len() - 2);
                return;
            }
            if brk.if_nonempty {
                self.toks.pop();
            }
        }
        self.toks.push(Tok::End);
    }

    /// Ends the innermost box, broken whenever its contents are wider than `max`.
    pub(crate) fn end_with_max_width(&mut self, max: isize) {
        if let Some(&begin) = self.open.last() {
            let width: isize = self.toks[begin..]
                .iter()
                .map(|tok| match tok {
                    Tok::Text(text) => text.len() as isize,
                    Tok::Infinite => INFINITY,
                    Tok::Break(brk) => brk.blank,
                    _ => 0,
                })
                .sum();
            if width > max {
                self.toks.push(Tok::Infinite);
            }
        }
        self.end();
    }

    fn brk(&mut self, blank: isize) {
        self.push_break(Break {
            blank,
            ..Break::PLAIN
        });
    }

    fn push_break(&mut self, brk: Break) {
        self.toks.push(Tok::Break(brk));
    }

    /// A break that prints nothing when it does not break.
    pub(crate) fn zerobreak(&mut self) {
        self.brk(0);
    }

    /// A break that prints a space when it does not break.
    pub(crate) fn space(&mut self) {
        self.brk(1);
    }

    /// A line break in every case.
    pub(crate) fn hardbreak(&mut self) {
        self.brk(INFINITY);
    }

    /// A space that the box's end drops when nothing followed it.
    pub(crate) fn space_if_nonempty(&mut self) {
        self.push_break(Break {
            blank: 1,
            if_nonempty: true,
            ..Break::PLAIN
        });
    }

    /// A break that never breaks (it only ends the measuring of what came before).
    pub(crate) fn neverbreak(&mut self) {
        self.push_break(Break {
            never: true,
            ..Break::PLAIN
        });
    }

    /// After a list element: `, ` (breakable) between elements, and after the last one
    /// a comma printed only when the list breaks.
    pub(crate) fn trailing_comma(&mut self, is_last: bool) {
        self.comma_break(is_last, 0);
    }

    /// As [`Doc::trailing_comma`], with a space after the last element when unbroken.
    pub(crate) fn trailing_comma_or_space(&mut self, is_last: bool) {
        self.comma_break(is_last, 1);
    }

    fn comma_break(&mut self, is_last: bool, last_blank: isize) {
        if is_last {
            self.push_break(Break {
                blank: last_blank,
                pre_break: Some(','),
                ..Break::PLAIN
            });
        } else {
            self.word(",");
            self.space();
        }
    }

    /// A break that, when it breaks, prints `open` before the line break and `close`
    /// at the start of the next line's (outdented) text: a closure body that does not
    /// fit gets braces.
    pub(crate) fn wrapping_breaks(&mut self, open: char) -> impl FnOnce(&mut Doc) {
        self.push_break(Break {
            pre_break: Some(open),
            ..Break::PLAIN
        });
        let close = if open == '{' { "}" } else { ")" };
        move |doc: &mut Doc| {
            doc.push_break(Break {
                offset: -4,
                post_break: close,
                ..Break::PLAIN
            })
        }
    }

    /// Moves the line a just-pushed break starts by `offset` columns.
    pub(crate) fn offset(&mut self, offset: isize) {
        if let Some(Tok::Break(brk)) = self.toks.last_mut() {
            brk.offset += offset;
        }
    }

    /// Lays the tokens out, starting at column 0 of a fresh line.
    pub(crate) fn print(self) -> String {
        let sizes = measure(&self.toks);
        let mut out = String::new();
        let mut space = MARGIN;
        let mut indent: isize = 0;
        let mut pending: isize = 0;
        // Each open box: whether it broke (with the indent to restore) and consistency.
        let mut frames: Vec<(Option<isize>, bool)> = Vec::new();
        for (tok, &size) in self.toks.iter().zip(&sizes) {
            match tok {
                Tok::Text(text) => {
                    push_indent(&mut out, &mut pending);
                    out.push_str(text);
                    space -= text.len() as isize;
                }
                Tok::Infinite => space -= INFINITY,
                Tok::Begin { offset, consistent } => {
                    if size > space {
                        frames.push((Some(indent), *consistent));
                        indent += offset;
                    } else {
                        frames.push((None, *consistent));
                    }
                }
                Tok::End => {
                    if let Some((Some(saved), _)) = frames.pop() {
                        indent = saved;
                    }
                }
                Tok::Break(brk) => {
                    let fits = brk.never
                        || match frames.last() {
                            Some((None, _)) => true,
                            Some((Some(_), true)) => false,
                            Some((Some(_), false)) | None => size <= space,
                        };
                    if fits {
                        pending += brk.blank;
                        space -= brk.blank;
                    } else {
                        if let Some(c) = brk.pre_break {
                            push_indent(&mut out, &mut pending);
                            out.push(c);
                        }
                        out.push('\n');
                        let at = indent + brk.offset;
                        pending = at.max(0);
                        space = (MARGIN - at).max(MIN_SPACE);
                        if !brk.post_break.is_empty() {
                            push_indent(&mut out, &mut pending);
                            out.push_str(brk.post_break);
                            space -= brk.post_break.len() as isize;
                        }
                    }
                }
            }
        }
        out
    }
}

fn push_indent(out: &mut String, pending: &mut isize) {
    for _ in 0..*pending {
        out.push(' ');
    }
    *pending = 0;
}

/// The width each `Begin` and `Break` is judged by: from it to the next break outside
/// it (a box) or not nested deeper (a break), including the text in between.
fn measure(toks: &[Tok]) -> Vec<isize> {
    let mut sizes = vec![0isize; toks.len()];
    let mut total: isize = 0;
    let mut stack: Vec<usize> = Vec::new();
    let resolve = |stack: &mut Vec<usize>, sizes: &mut [isize], total: isize| {
        let mut depth = 0usize;
        while let Some(&i) = stack.last() {
            match toks[i] {
                Tok::Begin { .. } => {
                    if depth == 0 {
                        break;
                    }
                    stack.pop();
                    sizes[i] += total;
                    depth -= 1;
                }
                Tok::End => {
                    stack.pop();
                    depth += 1;
                }
                Tok::Break(_) => {
                    stack.pop();
                    sizes[i] += total;
                    if depth == 0 {
                        break;
                    }
                }
                _ => unreachable!("only boxes and breaks wait for their size"),
            }
        }
    };
    for (i, tok) in toks.iter().enumerate() {
        match tok {
            Tok::Text(text) => total += text.len() as isize,
            Tok::Infinite => total += INFINITY,
            Tok::Begin { .. } => {
                sizes[i] = -total;
                stack.push(i);
            }
            Tok::End => stack.push(i),
            Tok::Break(brk) => {
                resolve(&mut stack, &mut sizes, total);
                sizes[i] = -total;
                stack.push(i);
                total += brk.blank;
            }
        }
    }
    resolve(&mut stack, &mut sizes, total);
    // Boxes still open at the end never fit.
    for i in stack {
        sizes[i] = INFINITY;
    }
    sizes
}

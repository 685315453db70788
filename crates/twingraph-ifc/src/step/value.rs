//! Parameter values and entity instances of the data section.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: type keywords are short, trusted-length ASCII; SipHash is not needed.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

/// An interned upper-case type name (entity or defined type keyword).
pub type TypeId = u32;

/// One parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `$`: not given.
    Null,
    /// `*`: derived in a subtype.
    Derived,
    /// An integer.
    Integer(i64),
    /// A real (`1.`, `-0.5`, `1.E-5`).
    Real(f64),
    /// A decoded string.
    String(Box<str>),
    /// An enumeration value without its dots (`T`, `ELEMENT`).
    Enum(Box<str>),
    /// A binary (`"…"`), as its hexadecimal digits.
    Binary(Box<str>),
    /// A reference `#n`.
    Ref(u64),
    /// A list or set `( … )`.
    List(Vec<Value>),
    /// A typed value such as `IFCLABEL('x')`.
    Typed(TypeId, Box<Value>),
}

impl Value {
    /// The string, when this is one (typed values are looked through).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            Self::Typed(_, v) => v.as_str(),
            _ => None,
        }
    }

    /// The referenced instance number.
    pub fn as_ref_id(&self) -> Option<u64> {
        match self {
            Self::Ref(id) => Some(*id),
            _ => None,
        }
    }

    /// The number, for integers and reals (typed values are looked through).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Self::Integer(i) => Some(*i as f64),
            Self::Real(r) => Some(*r),
            Self::Typed(_, v) => v.as_f64(),
            _ => None,
        }
    }

    /// The enumeration value.
    pub fn as_enum(&self) -> Option<&str> {
        match self {
            Self::Enum(e) => Some(e),
            Self::Typed(_, v) => v.as_enum(),
            _ => None,
        }
    }

    /// The items of a list (an empty slice otherwise).
    pub fn items(&self) -> &[Value] {
        match self {
            Self::List(items) => items,
            _ => &[],
        }
    }

    /// Calls `f` on every reference inside this value.
    pub fn for_each_ref(&self, f: &mut impl FnMut(u64)) {
        match self {
            Self::Ref(id) => f(*id),
            Self::List(items) => items.iter().for_each(|v| v.for_each_ref(f)),
            Self::Typed(_, v) => v.for_each_ref(f),
            _ => {}
        }
    }
}

/// One entity instance `#id=NAME(args);`. A complex instance `#id=(A(…)B(…));` has the
/// type [`Interner::COMPLEX`] and its parts as typed values in `args`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The instance number.
    pub id: u64,
    /// The type keyword, interned.
    pub type_id: TypeId,
    /// The parameters.
    pub args: Vec<Value>,
    /// The line the instance starts on.
    pub line: u32,
}

/// Interns the type keywords of a file (upper case as written).
#[derive(Debug)]
pub struct Interner {
    ids: HashMap<Box<[u8]>, TypeId, BuildHasherDefault<Fnv>>,
    names: Vec<Box<str>>,
}

impl Default for Interner {
    fn default() -> Self {
        let mut i = Self {
            ids: HashMap::default(),
            names: Vec::new(),
        };
        i.intern(b"(complex)");
        i
    }
}

impl Interner {
    /// The type of complex (multi-part) instances.
    pub const COMPLEX: TypeId = 0;

    /// The id of a keyword, adding it when new.
    pub fn intern(&mut self, name: &[u8]) -> TypeId {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as TypeId;
        self.names
            .push(String::from_utf8_lossy(name).into_owned().into_boxed_str());
        self.ids.insert(name.into(), id);
        id
    }

    /// The keyword of an id.
    pub fn name(&self, id: TypeId) -> &str {
        &self.names[id as usize]
    }

    /// The id of a keyword, when the file used it.
    pub fn get(&self, name: &str) -> Option<TypeId> {
        self.ids.get(name.as_bytes()).copied()
    }

    /// How many keywords there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there is none (never: the complex type is always there).
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

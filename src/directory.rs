//! The index directory: tantivy's `MmapDirectory`, except that readers do
//! not need to create the meta lock file.
//!
//! tantivy takes `.tantivy-meta.lock` (creating it, opened for writing)
//! whenever a reader opens segments, so that a writer's garbage collection
//! cannot delete them meanwhile. On a read-only mount, or in a directory of
//! another user, creating or write-opening that file fails, and every search
//! failed with it. A shared read-only index is a normal deployment, so when
//! the lock file cannot be opened for writing this directory takes the same
//! `flock` through a read-only descriptor (a writer's garbage collection
//! still waits for it); when the file does not exist and cannot be created,
//! no writer can be using it either, and the reader goes on without a lock.
//!
//! The writer's own lock is never relaxed: without it, writing fails (and
//! [`crate::Error::ReadOnly`] says why).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

/// See the module docs.
#[derive(Clone, Debug)]
pub(crate) struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl IndexDirectory {
    pub(crate) fn open(root: &Path) -> Result<Self, tantivy::directory::error::OpenDirectoryError> {
        Ok(IndexDirectory { inner: MmapDirectory::open(root)?, root: root.to_path_buf() })
    }

    /// The meta lock through a read-only descriptor, or none at all when
    /// the lock file does not exist (and could not be created).
    fn read_only_meta_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match File::open(self.root.join(&lock.filepath)) {
            Ok(file) => {
                // flock(2) works on a descriptor opened read-only; the file
                // handle keeps the lock until the guard is dropped.
                fs4::fs_std::FileExt::lock_exclusive(&file).map_err(LockError::wrap_io_error)?;
                Ok(DirectoryLock::from(Box::new(file)))
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            Err(err) => Err(LockError::wrap_io_error(err)),
        }
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(_)) if lock.filepath == META_LOCK.filepath => {
                self.read_only_meta_lock(lock)
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

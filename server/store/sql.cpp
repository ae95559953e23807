#include "sql.h"

namespace antre {

Transaction::Transaction(Db& db) : db_(db), nested_(db.in_batch()) {
  begin_ = nested_ ? db_.Exec("SAVEPOINT op") : db_.Begin();
}

Transaction::~Transaction() {
  if (done_ || !begin_.ok()) return;
  if (!nested_) {
    db_.Exec("ROLLBACK");
  } else if (!db_.autocommit()) {
    // Undo this request only; the batch goes on. (If the engine already ended the whole
    // transaction there is nothing to roll back, and the writer fails the batch.)
    db_.Exec("ROLLBACK TO op");
    db_.Exec("RELEASE op");
  }
}

Status Transaction::Commit() {
  Status st = db_.Exec(nested_ ? "RELEASE op" : "COMMIT");
  if (st.ok()) done_ = true;
  return st;
}

}  // namespace antre

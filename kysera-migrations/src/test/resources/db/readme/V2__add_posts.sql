-- kysera:up
create table posts (
  id integer primary key,
  user_id integer not null references users (id),
  title varchar(200) not null default 'untitled; draft'
);
create index posts_user on posts (user_id);

-- kysera:down
drop table posts;
